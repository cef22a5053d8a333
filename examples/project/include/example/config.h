/* config.h - settings of the example, found through the target's include
 * directories (the rewriter sees them too). */
#ifndef EXAMPLE_CONFIG_H
#define EXAMPLE_CONFIG_H

#define SAMPLES 300000
#define SQUARE(x) ((x) * (x))

#endif
