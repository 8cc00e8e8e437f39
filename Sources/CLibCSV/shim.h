// The module map names this shim: a `header "csv.h"` line would be looked up
// next to the module map, not in /usr/include.
#include <csv.h>
