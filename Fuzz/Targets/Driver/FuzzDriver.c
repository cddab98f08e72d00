// Only the header matters: it declares libFuzzer's driver to the fuzz programs.
#include "FuzzDriver.h"
