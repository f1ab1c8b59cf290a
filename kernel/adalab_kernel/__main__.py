"""Started by Jupyter: `python -m adalab_kernel -f CONNECTION_FILE`."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import AdalabKernel

IPKernelApp.launch_instance(kernel_class=AdalabKernel)
