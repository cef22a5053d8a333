#define WHO "from-src"
