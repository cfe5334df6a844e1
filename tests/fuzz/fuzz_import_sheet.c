/*
 * fuzz_import_sheet.c - libFuzzer target for the sheet-layout importer:
 * any bytes must parse or fail cleanly (no crash, hang or leak), a
 * success must hold sane values, and filling a sheet with them must work.
 * Seed corpus: tests/data/seed.txt.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "import_sheet.h"
#include "sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct import_sheet imp;
    struct error e;
    if (import_sheet_parse((const char *)data, size, "fuzz", import_sheet_default_vocab(), &imp, &e) < 0) {
        if (e.line < 1 || imp.n_items != 0)
            abort();
        return 0;
    }
    for (size_t i = 0; i < imp.n_items; i++)
        for (int f = 0; f < IMPORT_N_FIELDS; f++) {
            const struct import_value *v = &imp.items[i].values[f];
            if (v->text && (v->len == 0 || strlen(v->text) != v->len || v->line < 1))
                abort();
        }
    struct form *form = form_builtin();
    struct sheet *s = sheet_new(form, "区", 2017, imp.title);
    if (import_sheet_fill(&imp, s, &e) < 0)
        abort();
    sheet_free(s);
    form_free(form);
    import_sheet_free(&imp);
    return 0;
}
