# The shipped legacy files: the seed as CP932 with CRLF, and an Excel CSV in CP932 with
# extension characters and multi-line cells.  Migration must be exact.
. "$TOP/tests/lib.sh"
legacy="$TOP/sample-data/legacy"
fields=No,Title,Subtitle,Plan_Purpose,Plan_Overview,Plan_Goal,Plan_Actions,Plan_YearGoal,Mid_Progress,Mid_Outlook,Mid_Issues,End_Results,End_Issues

t "the CP932 seed imports as a sheet (detected), 23 items, every missing tick reported"
expect_exit 0 "$TORIKUMI" import --ward 大正区 --year 2017 -o seed.rec "$legacy/taisho-h29-sheet.sjis.txt"
expect_err_contains "sheet in CP932 (detected): 23 items written to seed.rec (69 warnings)"
expect_eq "$(grep -c 'no tick survived in the text' "$ERR")" 69 "tick warnings"

t "every item has the sample's text in every field (the ticked boxes aside)"
recsel -t Initiative -p "$fields" seed.rec > imported.txt
recsel -t Initiative -p "$fields" "$TOP/sample-data/taisho-h29.rec" > sample.txt
expect_same_file imported.txt sample.txt
expect_eq "$(recsel -t Initiative -c seed.rec)" 23 "items"
grep -q '～' seed.rec || t_fail "～ (81 60 -> U+FF5E) missing"
grep -q '①' seed.rec || t_fail "① (NEC extension 87 40) missing"

t "a form with every key and stage id renamed takes the same texts into its own fields"
expect_exit 0 "$TORIKUMI" import --form "$TOP/tests/forms/kaikaku-renamed.form" --ward 大正区 \
    --year 2017 -o renamed.rec "$legacy/taisho-h29-sheet.sjis.txt"
recsel -t Initiative -P "$fields" seed.rec > seed-values.txt
recsel -t Torikumi -P Num,Heading,Tagline,Aim,Outline,Target,Deeds,ThisYear,Pace,Hope,MidFix,Outcome,EndFix \
    renamed.rec > renamed-values.txt
expect_same_file renamed-values.txt seed-values.txt
expect_eq "$(recsel -t Torikumi -c renamed.rec)" 23 "items"

t "a form the printed layout does not fit is refused, naming what differs; nothing written"
expect_exit 2 "$TORIKUMI" import --form "$TOP/tests/forms/kenshu-1.0.form" --format sheet --ward 大正区 \
    --year 2017 -o kenshu.rec "$legacy/taisho-h29-sheet.sjis.txt"
expect_err_contains "form kenshu-1.0 has no field beside its title"
[ ! -e kenshu.rec ] || t_fail "kenshu.rec written"

t "the Excel CSV in CP932: extension characters, Alt+Enter line breaks, an extra column kept"
expect_exit 0 "$TORIKUMI" import -o minato.rec "$legacy/minato-r5-excel.sjis.csv"
expect_err_contains "column R (備考) is not a field of form kaikaku-2.0"
expect_exit 0 recsel -t Initiative -e 'No = 1' -P Title,Plan_Overview,Plan_Actions,Plan_YearGoal minato.rec
expect_out_contains "窓口サービスの向上（№1）"
expect_out_contains "③職員研修（Ⅱ期）"
expect_out_contains "・髙橋課長を中心に窓口5S推進会議を開催"
expect_out_contains "・㈱大阪案内と連携"
expect_out_contains "待ち時間 10分≒以内"
expect_exit 0 recsel -t Initiative -e 'No = 2' -P Plan_Actions,Plan_YearGoal,End_Result minato.rec
expect_out_contains "纊（旧字）表記の統一"
expect_out_contains "フォロワー －10％にならないこと"
expect_out_contains "not_achieved"
expect_exit 0 recsel -t Sheet -P Ward,FiscalYear minato.rec
expect_eq "$(tr '\n' ' ' < "$OUT")" "港区 2023 " "header from the 区 and 年度 columns"
expect_exit 0 "$TORIKUMI" check minato.rec
expect_exit 0 recfix --check minato.rec

t "export to CP932 and import again gives the same sheet"
expect_exit 0 "$TORIKUMI" export --encoding cp932 -o back.csv minato.rec
expect_exit 0 "$TORIKUMI" import -o back.rec back.csv
recsel -t Initiative minato.rec > a.txt
recsel -t Initiative back.rec > b.txt
expect_same_file b.txt a.txt
done_testing
