# torikumi new --from LAST.rec: the next fiscal year from last year's sheet; years as 西暦 or 和暦.
. "$TOP/tests/lib.sh"
sample="$TOP/sample-data/taisho-h29.rec"

t "new --from carries every item's number, title and plan, and nothing of the later stages"
expect_exit 0 "$TORIKUMI" new --from "$sample" --year H30 next.rec
expect_exit 0 "$TORIKUMI" check next.rec
recfix --check next.rec >/dev/null 2>&1 || t_fail "recfix --check rejects next.rec"
expect_eq "$(recsel -t Initiative -P No next.rec | tr '\n' ' ')" \
          "$(recsel -t Initiative -P No "$sample" | tr '\n' ' ')" "item numbers"
carried=Title,Subtitle,Plan_Purpose,Plan_Overview,Plan_Goal,Plan_Actions,Plan_YearGoal
expect_eq "$(recsel -t Initiative -p "$carried" next.rec | cksum)" \
          "$(recsel -t Initiative -p "$carried" "$sample" | cksum)" "title and plan carried over"
later=Updated,Plan_Done,Mid_Progress,Mid_Outlook,Mid_Issues,Mid_Done,End_Results,End_Result,End_Issues,End_Done
expect_eq "$(recsel -t Initiative -p "$later" next.rec | tr -d '\n')" "" "later stages, marks, stamps empty"
[ -n "$(recsel -t Initiative -P End_Results "$sample")" ] || t_fail "the sample has no End_Results"
expect_eq "$(recsel -t Sheet -P FiscalYear next.rec)" 2018 "fiscal year"
expect_eq "$(recsel -t Sheet -P Ward next.rec)" "$(recsel -t Sheet -P Ward "$sample")" "ward"
grep -q '^# .* 平成30年度$' next.rec || t_fail "the first comment does not name 平成30年度"
# Last year's file is named relative to the new sheet, for the editor's Ctrl-P.
link=$(recsel -t Sheet -P Previous next.rec)
case "$link" in /*) t_fail "Previous is absolute: $link" ;; esac
expect_eq "$(realpath "$link")" "$(realpath "$sample")" "Previous names last year's sheet"

t "without --year the year after last year's; --ward renames"
expect_exit 0 "$TORIKUMI" new --from "$sample" --ward 西区 after.rec
expect_eq "$(recsel -t Sheet -P FiscalYear after.rec)" 2018 "default year"
expect_eq "$(recsel -t Sheet -P Ward after.rec)" 西区 "ward"

t "every spelling of a year gives the same Western year"
for y in 2018 ２０１８ 平成30 H30 h30 Ｈ３０ 平成30年度; do
    rm -f y.rec
    expect_exit 0 "$TORIKUMI" new --ward 区 --year "$y" y.rec &&
    expect_eq "$(recsel -t Sheet -P FiscalYear y.rec)" 2018 "--year $y"
done
for y in 令和元:2019 R2:2020 令和2:2020 令和元年度:2019; do
    rm -f y.rec
    expect_exit 0 "$TORIKUMI" new --ward 区 --year "${y%%:*}" y.rec &&
    expect_eq "$(recsel -t Sheet -P FiscalYear y.rec)" "${y#*:}" "--year ${y%%:*}"
done

t "an unknown era is a clear error, and nothing is written"
expect_exit 2 "$TORIKUMI" new --from "$sample" --year X30 bad.rec
expect_err_contains '--year X30: character 1: unknown era "X"'
[ ! -e bad.rec ] || t_fail "bad.rec was created"
expect_exit 2 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" new --ward 区 --year 平成32 bad.rec
expect_err_contains '--year 平成32: 3 文字目: 平成は元年から31年までです (32 ではなく)'
expect_exit 2 "$TORIKUMI" import --ward 区 --year 'M30' -o bad.rec "$sample"
expect_err_contains 'unknown era "M"'
[ ! -e bad.rec ] || t_fail "bad.rec was created"

t "import takes 和暦 too"
expect_exit 0 "$TORIKUMI" import --year 平成29 -o imp.rec "$sample"
expect_eq "$(recsel -t Sheet -P FiscalYear imp.rec)" 2017 "import --year 平成29"

t "new --from refuses an existing output, a missing input, and plain-new options"
cp "$sample" exists.rec
expect_exit 2 "$TORIKUMI" new --from "$sample" exists.rec
expect_same_file exists.rec "$sample"
expect_exit 2 "$TORIKUMI" new --from missing.rec out.rec
expect_err_contains "missing.rec"
[ ! -e out.rec ] || t_fail "out.rec was created"
expect_exit 2 "$TORIKUMI" new --from "$sample" --items 3 out.rec
done_testing
