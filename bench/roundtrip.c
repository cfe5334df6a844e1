/*
 * roundtrip.c - load a sheet with sheet_load and write it back with
 * sheet_write to standard output: the bytes must be the file's own.
 *
 *   roundtrip FILE > copy && cmp FILE copy
 *
 * Exit 0 when written, 2 when the file cannot be read or parsed.
 */
#include <stdio.h>

#include "sheet.h"
#include "util.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: roundtrip FILE\n");
        return 2;
    }
    struct error e;
    struct sheet *s = sheet_load(argv[1], NULL, &e);
    if (!s) {
        struct strbuf msg = STRBUF_INIT;
        error_format(&e, &msg);
        fprintf(stderr, "roundtrip: %s\n", strbuf_cstr(&msg));
        strbuf_release(&msg);
        return 2;
    }
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    int rc = 0;
    if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "roundtrip: write error\n");
        rc = 2;
    }
    strbuf_release(&out);
    sheet_free(s);
    return rc;
}
