/*
 * fuzz_form.c - libFuzzer target for form_parse: a form that parses
 * yields both descriptors, and an empty sheet made with it parses back
 * (sheet_new dies on an internal error, which the fuzzer reports).
 *
 * Once a bug (reproducers corpus/form/bug-multiline-*): a form whose Title
 * or ItemLabel held a newline made sheet_new write a broken comment or
 * %doc line; form_parse now refuses control characters in labels.
 */
#include <stdint.h>
#include <stdlib.h>

#include "form.h"
#include "sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct error e;
    struct form *f = form_parse((const char *)data, size, "fuzz.form", &e);
    if (!f)
        return 0;
    struct strbuf out = STRBUF_INIT;
    form_descriptor(f, &out);
    form_sheet_descriptor(f, &out);
    strbuf_release(&out);
    struct sheet *s = sheet_new(f, "区", 2017, NULL);
    struct item *it = sheet_add_item(s);
    item_set(s, it, f->key_field, "1", 1);
    sheet_free(s);
    form_free(f);
    return 0;
}
