#ifndef ADALAB_CEDITLINE_SHIM_H
#define ADALAB_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>
#endif
