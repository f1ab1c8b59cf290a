"""The kernel: a thin wrapper that passes each cell to `adalab --serve` and turns its
JSON answer into Jupyter's messages, the way `export FILE.ipynb` writes outputs: text
as a stdout stream, each picture as display_data (image/svg+xml with the terminal's
drawing as text/plain), an error as a stderr stream and an error reply."""

import json
import os
import shutil
import subprocess

from ipykernel.kernelbase import Kernel

from . import __version__


def adalab_command():
    """The adalab binary: $ADALAB, else `adalab` on the PATH."""
    path = os.environ.get("ADALAB") or shutil.which("adalab")
    if not path:
        raise RuntimeError(
            "adalab not found: set ADALAB to the binary (install.py records it)"
        )
    return [path, "--serve"]


class AdalabKernel(Kernel):
    implementation = "adalab"
    implementation_version = __version__
    language = "adalab"
    language_version = "1"
    language_info = {
        "name": "adalab",
        "mimetype": "text/x-adalab",
        "file_extension": ".txt",
        "pygments_lexer": "text",
        "version": "1",
    }
    banner = "adalab: a lab for adaptive learning rates"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.server = subprocess.Popen(
            adalab_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        ready = json.loads(self.server.stdout.readline())
        self.prompt = ready.get("prompt", "")

    def ask(self, code):
        self.server.stdin.write(json.dumps({"id": self.execution_count, "code": code}) + "\n")
        self.server.stdin.flush()
        while True:
            try:
                line = self.server.stdout.readline()
                break
            except KeyboardInterrupt:
                # Jupyter's interrupt reaches adalab too (same process group): it stops
                # the running command and still answers.
                continue
        if not line:
            raise RuntimeError("adalab --serve ended")
        return json.loads(line)

    def do_execute(
        self, code, silent, store_history=True, user_expressions=None, allow_stdin=False
    ):
        answer = self.ask(code)
        self.prompt = answer.get("prompt", self.prompt)
        text = answer.get("text", [])
        images = answer.get("images", [])
        if not silent:
            if images:
                for index, svg in enumerate(images):
                    plain = "\n".join(text) if index == 0 else "(picture %d)" % (index + 1)
                    self.send_response(
                        self.iopub_socket,
                        "display_data",
                        {"data": {"image/svg+xml": svg, "text/plain": plain}, "metadata": {}},
                    )
            elif text:
                self.send_response(
                    self.iopub_socket,
                    "stream",
                    {"name": "stdout", "text": "\n".join(text) + "\n"},
                )
        error = answer.get("error")
        if error:
            lines = code.split("\n")
            where = ""
            if "column" in error and 0 < error["line"] <= len(lines):
                where = lines[error["line"] - 1] + "\n" + " " * error["column"] + "^\n"
            message = "error: " + error["message"]
            if not silent:
                self.send_response(
                    self.iopub_socket, "stream", {"name": "stderr", "text": where + message + "\n"}
                )
            return {
                "status": "error",
                "execution_count": self.execution_count,
                "ename": "adalab",
                "evalue": error["message"],
                "traceback": [where + message],
            }
        return {
            "status": "ok",
            "execution_count": self.execution_count,
            "payload": [],
            "user_expressions": {},
        }

    def do_shutdown(self, restart):
        try:
            self.server.stdin.write(json.dumps({"id": "shutdown", "code": "quit"}) + "\n")
            self.server.stdin.flush()
            self.server.wait(timeout=5)
        except Exception:
            self.server.kill()
        return {"status": "ok", "restart": restart}
