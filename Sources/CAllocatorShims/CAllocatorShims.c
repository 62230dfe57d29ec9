// SwiftPM builds a C target from at least one source file; the shim itself is the
// inline function in the header, as in swift-numerics' _NumericsShims.
#include "CAllocatorShims.h"
