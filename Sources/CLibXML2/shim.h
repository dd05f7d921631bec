#include <libxml/xmlversion.h>
/* libxml2's encoding.h would include the system's ICU headers, whose UErrorCode clashes with
   the ICU that Foundation bundles. genpeer uses no ICU-based libxml2 API, and only pointers to
   the encoding handler whose layout this changes. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
