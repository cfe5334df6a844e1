#!/bin/sh
# gen-sample.sh: regenerate sample-data/taisho-h29.rec from tests/data/seed.txt.
# The sheet importer reads the seed; End_Result per item and the done marks
# come from the table in tests/unit/test_import_sheet.c (docs/sample-data.md
# explains each decision).  The same test checks the committed file.
set -eu
cd "$(dirname "$0")/.."
make -s build/tests/test_import_sheet
TORIKUMI_WRITE_SAMPLE=sample-data/taisho-h29.rec build/tests/test_import_sheet
echo "wrote sample-data/taisho-h29.rec"
