#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's ICU headers,
// which clash with the ICU copy inside Foundation (same enum, other members). DevCoop uses no
// field that depends on it (xmlCharEncodingHandler's ICU converters), so the headers go without it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// xmlFree is a global function pointer, which Swift 6 sees as shared mutable state.
static inline void devcoop_xmlFree(void *pointer) { xmlFree(pointer); }
