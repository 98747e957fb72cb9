namespace Judging.App.Programmes.Import;

using System.Globalization;
using System.Text;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Row = CsvSheetRow;

/// <summary>
/// A problem of a programme folder (issue 13, "Programmes as data"; docs/programmes.md): the file, the line (the header is
/// line 1; 0 = the file as a whole) and the reason, in Chinese. <see cref="File"/> is null for a problem of the definition
/// as a whole (<see cref="ProgrammeDefinition.Problems"/>).
/// </summary>
public sealed record ProgrammeImportProblem(string? File, int Line, Wording Reason)
{
    /// <summary>"materials.csv 第3行：类别代码“x”不在 categories.csv 中", "caps.csv：…" (line 0), or the bare reason (no file).</summary>
    public Wording Text => File is null ? Reason
        : Line > 0 ? Wording.Of("{0} 第{1}行：{2}", File, Line, Reason)
        : Wording.Of("{0}：{1}", File, Reason);

    /// <summary>The zh-CN text of <see cref="Text"/>.</summary>
    public override string ToString() => Text.ToString();
}

/// <summary>
/// The outcome of <see cref="ProgrammeImport.Read(IReadOnlyDictionary{string, string})"/>: all or nothing — a definition
/// and no problems, or no definition and every problem found (every row of every file checked, not only the first wrong one).
/// </summary>
public sealed record ProgrammeImportResult(ProgrammeDefinition? Definition, IReadOnlyList<ProgrammeImportProblem> Problems)
{
    /// <summary>True when the folder was read whole (<see cref="Definition"/> is set).</summary>
    public bool Ok => Definition is not null;
}

/// <summary>
/// Reads one programme folder of <c>seeds/programmes/</c> (issue 13, "Programmes as data"; the format is docs/programmes.md)
/// into a <see cref="ProgrammeDefinition"/>: programme.csv, categories.csv, materials.csv, rules.csv, stages.csv, and the
/// optional caps.csv, windows.csv and score-sheets.csv (issue 16: the expert review's 初评 and 复评 sheets). Each file is UTF-8 (a BOM is allowed), comma separated, a header row naming the
/// columns (any order, extra columns ignored), fields trimmed, "…" quoting with "" for a quote inside, blank lines skipped
/// (read with CsvHelper by <see cref="CsvSheet"/>; a quote that never closes is "引号未闭合" at its row's line).
/// A list inside a field is separated by "、". Other files of the folder (applicants.csv) are not read here.
/// All or nothing: any problem gives no definition; the rows are checked first, each problem reported with its file and
/// line ("文件 第N行：原因"), and only when they are all right is the whole checked by <see cref="ProgrammeDefinition.Problems"/>.
/// </summary>
public static class ProgrammeImport
{
    /// <summary>programme.csv: exactly one row.</summary>
    public const string ProgrammeFile = "programme.csv";
    /// <summary>categories.csv: one row per award category.</summary>
    public const string CategoriesFile = "categories.csv";
    /// <summary>materials.csv: one row per material of a category.</summary>
    public const string MaterialsFile = "materials.csv";
    /// <summary>rules.csv: one row per eligibility rule code.</summary>
    public const string RulesFile = "rules.csv";
    /// <summary>caps.csv (optional): one row per capped category.</summary>
    public const string CapsFile = "caps.csv";
    /// <summary>windows.csv (optional): one row per window.</summary>
    public const string WindowsFile = "windows.csv";
    /// <summary>stages.csv: one row per stage after intake.</summary>
    public const string StagesFile = "stages.csv";
    /// <summary>score-sheets.csv (optional, issue 16): one row per criterion of the expert review's sheets (初评, 复评).</summary>
    public const string ScoreSheetsFile = "score-sheets.csv";

    /// <summary>Every file the importer reads, required ones first.</summary>
    public static readonly IReadOnlyList<string> Files = [ProgrammeFile, CategoriesFile, MaterialsFile, RulesFile, StagesFile, CapsFile, WindowsFile, ScoreSheetsFile];

    /// <summary>The separator of a list inside a field.</summary>
    public const char ListSeparator = '、';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads the programme files of <paramref name="directory"/> (only the names of <see cref="Files"/>; others are ignored).
    /// A file that is not UTF-8 is a problem of that file; programme.csv's 代码 must be the folder's name
    /// ("programme.csv 第2行：代码“x”应与文件夹名“y”一致"). Throws <see cref="DirectoryNotFoundException"/> when the folder
    /// does not exist.
    /// </summary>
    public static ProgrammeImportResult ReadFolder(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException(directory);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in Files)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) files[name] = File.ReadAllBytes(path);
        }
        var result = Read(files);
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        return result.Definition is { } d && d.Code != folder
            ? new(null, [new(ProgrammeFile, 2, Wording.Of("代码“{0}”应与文件夹名“{1}”一致", d.Code, folder))])
            : result;
    }

    /// <summary>
    /// Reads files given as bytes (file name → content, e.g. an upload): each is decoded as UTF-8, a BOM allowed; a file
    /// that is not UTF-8 is reported ("文件不是 UTF-8 编码…") and the rest are still checked.
    /// </summary>
    public static ProgrammeImportResult Read(IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ProgrammeImportProblem>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var undecodable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in files)
        {
            try
            {
                var span = bytes.AsSpan();
                if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) span = span[3..];
                texts[name] = StrictUtf8.GetString(span);
            }
            catch (DecoderFallbackException)
            {
                problems.Add(new(name, 0, Wording.Of("文件不是 UTF-8 编码（请在 Excel 中另存为“CSV UTF-8（逗号分隔）”）")));
                undecodable.Add(name);
            }
        }
        var result = new Reader(texts, undecodable).Run();
        return problems.Count == 0 ? result : new(null, [.. problems, .. result.Problems]);
    }

    /// <summary>
    /// Reads files given as text (file name → content; a leading BOM character is ignored). Required: programme.csv,
    /// categories.csv, materials.csv, rules.csv, stages.csv; optional: caps.csv, windows.csv, score-sheets.csv. See the class summary and
    /// docs/programmes.md for the columns and the checks.
    /// </summary>
    public static ProgrammeImportResult Read(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new Reader(files, new HashSet<string>()).Run();
    }

    private sealed class Reader(IReadOnlyDictionary<string, string> files, IReadOnlySet<string> undecodable)
    {
        private readonly List<ProgrammeImportProblem> problems = [];

        private void Problem(string file, int line, Wording reason) => problems.Add(new(file, line, reason));

        public ProgrammeImportResult Run()
        {
            var programme = Table(ProgrammeFile, ["代码", "名称", "主办单位", "通知文号", "申报途径"], []);
            var categories = Table(CategoriesFile, ["类别代码", "类别名称", "申报主体", "奖项等级"], ["申报方向"]);
            var materials = Table(MaterialsFile, ["类别代码", "序号", "材料代码", "材料名称", "必需", "来源"], ["盖章单位"]);
            var rules = Table(RulesFile, ["序号", "条件代码"], []);
            var stages = Table(StagesFile, ["序号", "阶段"], []);
            var caps = Table(CapsFile, ["类别代码", "按方向", "上限", "合作单位不限"], [], optionalFile: true);
            var windows = Table(WindowsFile, ["窗口代码", "名称", "开始", "截止", "精度"], [], optionalFile: true);
            var sheets = Table(ScoreSheetsFile, ["评分表", "轮次", "序号", "评分项", "满分"], ["评分要点"], optionalFile: true);

            var head = programme is null ? null : Programme(programme);
            var cats = categories is null ? null : Categories(categories);
            // The codes written in categories.csv, right rows or not, so that a wrong category row does not also make every
            // material of that category "unknown".
            var known = categories?.Select(r => r["类别代码"]).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);
            var items = materials is null ? null : Materials(materials, known);
            var ruleCodes = rules is null ? null : Rules(rules);
            var stageNames = stages is null ? null : Stages(stages);
            var capList = caps is null ? [] : Caps(caps, known);
            var windowList = windows is null ? [] : Windows(windows);
            var sheetList = sheets is null ? [] : ScoreSheets(sheets);

            if (cats is not null && items is not null)
                foreach (var c in cats.Where(c => !items.ContainsKey(c.Code)))
                    Problem(MaterialsFile, 0, Wording.Of("奖项类别“{0}”没有任何材料", c.Code));

            if (problems.Count > 0 || head is null || cats is null || items is null || ruleCodes is null || stageNames is null)
                return new(null, problems);

            var definition = new ProgrammeDefinition(
                head.Value.Code, head.Value.Name, head.Value.Organiser, head.Value.Notice,
                cats.Select(c => new AwardCategory(c.Code, c.Name, c.Applicant, c.Levels, c.Groups, items[c.Code])).ToList(),
                head.Value.Routes, ruleCodes, capList, windowList, stageNames) { ScoreSheets = sheetList };
            var whole = definition.Problems();
            return whole.Count > 0 ? new(null, whole.Select(w => new ProgrammeImportProblem(null, 0, w)).ToList()) : new(definition, []);
        }

        // ---- the files ----

        private (string Code, string Name, string Organiser, string Notice, IReadOnlyList<EntryRoute> Routes)? Programme(List<Row> rows)
        {
            if (rows.Count == 0) { Problem(ProgrammeFile, 0, Wording.Of("没有数据行，应恰有一行")); return null; }
            foreach (var extra in rows.Skip(1)) Problem(ProgrammeFile, extra.Line, Wording.Of("只能有一行数据（第{0}行已给出）", rows[0].Line));
            var r = rows[0];
            var before = problems.Count;
            var code = Required(ProgrammeFile, r, "代码");
            var name = Required(ProgrammeFile, r, "名称");
            var organiser = Required(ProgrammeFile, r, "主办单位");
            var notice = Required(ProgrammeFile, r, "通知文号");
            var routes = new List<EntryRoute>();
            var routeTexts = List(r["申报途径"]);
            if (routeTexts.Count == 0) Problem(ProgrammeFile, r.Line, Wording.Of("“{0}”不能为空", "申报途径"));
            foreach (var t in routeTexts)
            {
                EntryRoute? route = t switch { "申报" => EntryRoute.Application, "推荐" => EntryRoute.Recommendation, "提名" => EntryRoute.Nomination, _ => null };
                if (route is null) Problem(ProgrammeFile, r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", "申报途径", t, "申报、推荐、提名"));
                else if (routes.Contains(route.Value)) Problem(ProgrammeFile, r.Line, Wording.Of("{0}“{1}”重复", "申报途径", t));
                else routes.Add(route.Value);
            }
            if (routes.Contains(EntryRoute.Nomination) && routeTexts.Count > 1)
                Problem(ProgrammeFile, r.Line, Wording.Of("申报途径“提名”只能单独使用，不能与申报或推荐并列"));
            if (problems.Count > before || rows.Count > 1) return null;
            return (code!, name!, organiser!, notice!, routes);
        }

        private sealed record CategoryRow(string Code, string Name, ApplicantKind Applicant, IReadOnlyList<string> Levels, IReadOnlyList<string> Groups);

        private List<CategoryRow>? Categories(List<Row> rows)
        {
            if (rows.Count == 0) { Problem(CategoriesFile, 0, Wording.Of("没有任何奖项类别")); return null; }
            var result = new List<CategoryRow>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var ok = true;
            foreach (var r in rows)
            {
                var before = problems.Count;
                var code = Required(CategoriesFile, r, "类别代码");
                if (code is not null) Unique(CategoriesFile, r, seen, code, "类别代码");
                var name = Required(CategoriesFile, r, "类别名称");
                var kindText = Required(CategoriesFile, r, "申报主体");
                ApplicantKind? kind = kindText switch { "组织" => ApplicantKind.Organisation, "个人" => ApplicantKind.Individual, "项目" => ApplicantKind.Project, _ => null };
                if (kindText is not null && kind is null) Problem(CategoriesFile, r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", "申报主体", kindText, "组织、个人、项目"));
                var levels = DistinctList(CategoriesFile, r, "奖项等级", required: true);
                var groups = DistinctList(CategoriesFile, r, "申报方向", required: false);
                if (problems.Count > before) { ok = false; continue; }
                result.Add(new(code!, name!, kind!.Value, levels, groups));
            }
            return ok ? result : null;
        }

        private Dictionary<string, IReadOnlyList<MaterialItem>>? Materials(List<Row> rows, HashSet<string>? categories)
        {
            var parsed = new List<(string Category, int Order, MaterialItem Item)>();
            var seenOrder = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenCode = new Dictionary<string, int>(StringComparer.Ordinal);
            var ok = true;
            foreach (var r in rows)
            {
                var before = problems.Count;
                var category = Category(MaterialsFile, r, categories);
                var order = Order(MaterialsFile, r);
                var code = Required(MaterialsFile, r, "材料代码");
                var name = Required(MaterialsFile, r, "材料名称");
                var required = YesNo(MaterialsFile, r, "必需");
                var sourceText = Required(MaterialsFile, r, "来源");
                MaterialSource? source = sourceText switch
                {
                    "上传" => MaterialSource.Upload, "生成盖章" => MaterialSource.GeneratedStamped,
                    "固定文本" => MaterialSource.GeneratedFixed, "表单" => MaterialSource.Form, _ => null,
                };
                if (sourceText is not null && source is null)
                    Problem(MaterialsFile, r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", "来源", sourceText, "上传、生成盖章、固定文本、表单"));
                var stampedBy = DistinctList(MaterialsFile, r, "盖章单位", required: false);
                if (category is not null && order is not null && seenOrder.TryGetValue(category + "\n" + order, out var o))
                    Problem(MaterialsFile, r.Line, Wording.Of("奖项类别“{0}”的序号 {1} 与第{2}行重复", category, order, o));
                else if (category is not null && order is not null) seenOrder[category + "\n" + order] = r.Line;
                if (category is not null && code is not null && seenCode.TryGetValue(category + "\n" + code, out var c))
                    Problem(MaterialsFile, r.Line, Wording.Of("奖项类别“{0}”的材料代码“{1}”与第{2}行重复", category, code, c));
                else if (category is not null && code is not null) seenCode[category + "\n" + code] = r.Line;
                if (problems.Count > before) { ok = false; continue; }
                parsed.Add((category!, order!.Value, new(code!, name!, required!.Value, source!.Value, stampedBy)));
            }
            if (!ok) return null;
            return parsed.GroupBy(p => p.Category, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<MaterialItem>)g.OrderBy(p => p.Order).Select(p => p.Item).ToList(), StringComparer.Ordinal);
        }

        private List<string>? Rules(List<Row> rows)
        {
            if (rows.Count == 0) { Problem(RulesFile, 0, Wording.Of("没有任何申报条件")); return null; }
            var parsed = new List<(int Order, string Code)>();
            var seenOrder = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenCode = new Dictionary<string, int>(StringComparer.Ordinal);
            var ok = true;
            foreach (var r in rows)
            {
                var before = problems.Count;
                var order = Order(RulesFile, r);
                if (order is not null) Unique(RulesFile, r, seenOrder, order.Value.ToString(CultureInfo.InvariantCulture), "序号");
                var code = Required(RulesFile, r, "条件代码");
                if (code is not null && !ProgrammeDefinition.KnownRuleCodes.Contains(code))
                    Problem(RulesFile, r.Line, Wording.Of("条件代码“{0}”不是已知的申报条件", code));
                else if (code is not null) Unique(RulesFile, r, seenCode, code, "条件代码");
                if (problems.Count > before) { ok = false; continue; }
                parsed.Add((order!.Value, code!));
            }
            return ok ? parsed.OrderBy(p => p.Order).Select(p => p.Code).ToList() : null;
        }

        private List<string>? Stages(List<Row> rows)
        {
            if (rows.Count == 0) { Problem(StagesFile, 0, Wording.Of("没有任何评选阶段")); return null; }
            var parsed = new List<(int Order, string Name)>();
            var seenOrder = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenName = new Dictionary<string, int>(StringComparer.Ordinal);
            var ok = true;
            foreach (var r in rows)
            {
                var before = problems.Count;
                var order = Order(StagesFile, r);
                if (order is not null) Unique(StagesFile, r, seenOrder, order.Value.ToString(CultureInfo.InvariantCulture), "序号");
                var name = Required(StagesFile, r, "阶段");
                if (name is not null) Unique(StagesFile, r, seenName, name, "阶段");
                if (name is not null && ProgrammeStagePlan.Unknown([name]).Count > 0)
                    Problem(StagesFile, r.Line, Wording.Of("未知的评选阶段“{0}”，可用：{1}（可加“{2}”；公示可写明期限，如“{3}”，{4}–{5} 个工作日）", name, string.Join("、", ProgrammeStagePlan.KnownNames.Keys), "（必要时）", "公示（7个工作日）", NoticePeriod.DefaultWorkingDays, NoticePeriod.MaxWorkingDays));
                if (problems.Count > before) { ok = false; continue; }
                parsed.Add((order!.Value, name!));
            }
            return ok ? parsed.OrderBy(p => p.Order).Select(p => p.Name).ToList() : null;
        }

        private List<ProgrammeCap> Caps(List<Row> rows, HashSet<string>? categories)
        {
            var result = new List<ProgrammeCap>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in rows)
            {
                var before = problems.Count;
                var category = Category(CapsFile, r, categories);
                if (category is not null) Unique(CapsFile, r, seen, category, "类别代码");
                var perGroup = YesNo(CapsFile, r, "按方向");
                var limitText = Required(CapsFile, r, "上限");
                int? limit = limitText is not null && int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l >= 1 ? l : null;
                if (limitText is not null && limit is null) Problem(CapsFile, r.Line, Wording.Of("{0}“{1}”应为不小于 1 的整数", "上限", limitText));
                var partners = YesNo(CapsFile, r, "合作单位不限");
                if (problems.Count == before) result.Add(new(category!, perGroup!.Value, limit!.Value, partners!.Value));
            }
            return result;
        }

        private List<ProgrammeWindow> Windows(List<Row> rows)
        {
            var result = new List<ProgrammeWindow>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in rows)
            {
                var before = problems.Count;
                var code = Required(WindowsFile, r, "窗口代码");
                if (code is not null) Unique(WindowsFile, r, seen, code, "窗口代码");
                var name = Required(WindowsFile, r, "名称");
                var precision = Required(WindowsFile, r, "精度");
                if (precision is not null && precision is not ("分钟" or "日"))
                    Problem(WindowsFile, r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", "精度", precision, "分钟、日"));
                TimeWindow? window = null;
                if (precision == "分钟")
                {
                    var opens = Minute(r, "开始", allowEndOfDay: false);
                    var last = Minute(r, "截止", allowEndOfDay: true);
                    if (opens is { } o && last is { } l)
                    {
                        if (l.EndOfDay ? l.Local.Date.AddDays(1) <= o.Local : l.Local < o.Local)
                            Problem(WindowsFile, r.Line, Wording.Of("截止“{0}”早于开始“{1}”", r["截止"], r["开始"]));
                        else window = l.EndOfDay
                            ? new TimeWindow(ShanghaiTime.FromLocal(o.Local).ToUniversalTime(), IntakeCalendar.EndOfDay(DateOnly.FromDateTime(l.Local)), false)
                            : TimeWindow.ToTheMinute(o.Local, l.Local);
                    }
                }
                else if (precision == "日")
                {
                    var first = Day(r, "开始");
                    var last = Day(r, "截止");
                    if (first is { } f && last is { } l)
                    {
                        if (l < f) Problem(WindowsFile, r.Line, Wording.Of("截止“{0}”早于开始“{1}”", r["截止"], r["开始"]));
                        else window = TimeWindow.Days(f, l);
                    }
                }
                if (problems.Count == before && window is not null) result.Add(new(code!, name!, window));
            }
            return result;
        }

        /// <summary>
        /// score-sheets.csv (issue 16): 评分表, 轮次 (初评 / 复评), 序号, 评分项, 满分, optional 评分要点; one sheet per 轮次, both
        /// present; a sheet's 序号 unique; its 满分 positive multiples of 0.5 totalling 100 (<see cref="ScoreCardRules.ValidateSheet"/>).
        /// </summary>
        private List<ProgrammeScoreSheet> ScoreSheets(List<Row> rows)
        {
            var sheets = new List<(string Name, RoundKind Round, int Line, List<ProgrammeCriterion> Criteria)>();
            foreach (var r in rows)
            {
                var before = problems.Count;
                var name = Required(ScoreSheetsFile, r, "评分表");
                var roundText = Required(ScoreSheetsFile, r, "轮次");
                var round = ProgrammeScoreSheet.ParseRound(roundText);
                if (roundText is not null && round is null) Problem(ScoreSheetsFile, r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", "轮次", roundText, "初评、复评"));
                var order = Order(ScoreSheetsFile, r);
                var criterion = Required(ScoreSheetsFile, r, "评分项");
                var maxText = Required(ScoreSheetsFile, r, "满分");
                decimal? max = maxText is not null && decimal.TryParse(maxText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) ? m : null;
                if (maxText is not null && max is null) Problem(ScoreSheetsFile, r.Line, Wording.Of("{0}“{1}”应为数字", "满分", maxText));
                if (problems.Count > before) continue;
                var sheet = sheets.FirstOrDefault(x => x.Name == name);
                if (sheet.Criteria is null)
                {
                    if (sheets.FirstOrDefault(x => x.Round == round) is { Criteria: not null } other)
                    {
                        Problem(ScoreSheetsFile, r.Line, Wording.Of("{0}已有评分表“{1}”（第{2}行）", RoundWording(round!.Value), other.Name, other.Line));
                        continue;
                    }
                    sheets.Add(sheet = (name!, round!.Value, r.Line, []));
                }
                else if (sheet.Round != round)
                {
                    Problem(ScoreSheetsFile, r.Line, Wording.Of("评分表“{0}”的轮次与第{1}行不一致", name!, sheet.Line));
                    continue;
                }
                if (sheet.Criteria.Any(c => c.Order == order)) { Problem(ScoreSheetsFile, r.Line, Wording.Of("评分表“{0}”的序号 {1} 重复", name!, order!.Value)); continue; }
                sheet.Criteria.Add(new(order!.Value, criterion!, max!.Value, r["评分要点"]));
            }
            foreach (var (name, _, line, criteria) in sheets)
            {
                var asCriteria = criteria.OrderBy(c => c.Order).Select(c => new Criterion { Order = c.Order, Name = c.Name, MaxPoints = c.MaxPoints }).ToList();
                foreach (var p in ScoreCardRules.ValidateSheet(asCriteria, 0.5m)) Problem(ScoreSheetsFile, line, Wording.Of("评分表“{0}”：{1}", name, p));
            }
            foreach (var round in new[] { RoundKind.FirstReview, RoundKind.ReReview }.Where(k => rows.Count > 0 && sheets.All(s => s.Round != k)))
                Problem(ScoreSheetsFile, 0, Wording.Of("缺少{0}评分表", RoundWording(round)));
            return sheets.Select(s => new ProgrammeScoreSheet(s.Name, s.Round, s.Criteria.OrderBy(c => c.Order).ToList())).ToList();
        }

        private static Wording RoundWording(RoundKind round) => round == RoundKind.ReReview ? Wording.Of("复评") : Wording.Of("初评");

        // ---- fields ----

        private string? Required(string file, Row r, string column)
        {
            var v = r[column];
            if (v.Length == 0) { Problem(file, r.Line, Wording.Of("“{0}”不能为空", column)); return null; }
            return v;
        }

        /// <summary>Adds a problem when <paramref name="value"/> was seen on an earlier line, else remembers this line.</summary>
        private void Unique(string file, Row r, Dictionary<string, int> seen, string value, string column)
        {
            if (seen.TryGetValue(value, out var first)) Problem(file, r.Line, Wording.Of("{0}“{1}”与第{2}行重复", column, value, first));
            else seen[value] = r.Line;
        }

        private string? Category(string file, Row r, HashSet<string>? categories)
        {
            var code = Required(file, r, "类别代码");
            if (code is null) return null;
            if (categories is not null && !categories.Contains(code))
            {
                Problem(file, r.Line, Wording.Of("类别代码“{0}”不在 {1} 中", code, CategoriesFile));
                return null;
            }
            return code;
        }

        private int? Order(string file, Row r)
        {
            var t = Required(file, r, "序号");
            if (t is null) return null;
            if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
            Problem(file, r.Line, Wording.Of("{0}“{1}”应为不小于 1 的整数", "序号", t));
            return null;
        }

        private bool? YesNo(string file, Row r, string column)
        {
            var t = Required(file, r, column);
            switch (t)
            {
                case null: return null;
                case "是": return true;
                case "否": return false;
                default:
                    Problem(file, r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", column, t, "是、否"));
                    return null;
            }
        }

        private IReadOnlyList<string> DistinctList(string file, Row r, string column, bool required)
        {
            var items = List(r[column]);
            if (required && items.Count == 0) Problem(file, r.Line, Wording.Of("“{0}”不能为空", column));
            foreach (var dup in items.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                Problem(file, r.Line, Wording.Of("{0}“{1}”重复", column, dup));
            return items;
        }

        private (DateTime Local, bool EndOfDay)? Minute(Row r, string column, bool allowEndOfDay)
        {
            var t = Required(WindowsFile, r, column);
            if (t is null) return null;
            if (DateTime.TryParseExact(t, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) return (dt, false);
            if (allowEndOfDay && t.EndsWith(" 24:00", StringComparison.Ordinal)
                && DateOnly.TryParseExact(t[..^6], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return (d.ToDateTime(TimeOnly.MinValue), true);
            Problem(WindowsFile, r.Line, allowEndOfDay
                ? Wording.Of("{0}“{1}”不是有效时间（格式 yyyy-MM-dd HH:mm，可写 24:00 表示当日结束）", column, t)
                : Wording.Of("{0}“{1}”不是有效时间（格式 yyyy-MM-dd HH:mm）", column, t));
            return null;
        }

        private DateOnly? Day(Row r, string column)
        {
            var t = Required(WindowsFile, r, column);
            if (t is null) return null;
            if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Problem(WindowsFile, r.Line, Wording.Of("{0}“{1}”不是有效日期（格式 yyyy-MM-dd）", column, t));
            return null;
        }

        private static List<string> List(string field) =>
            field.Split(ListSeparator).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        // ---- CSV (CsvSheet) ----

        /// <summary>The rows of <paramref name="file"/>, or null (and a problem) when it is missing, empty or lacks a column.</summary>
        private List<Row>? Table(string file, IReadOnlyList<string> columns, IReadOnlyList<string> optional, bool optionalFile = false)
        {
            if (undecodable.Contains(file)) return null;
            if (!files.TryGetValue(file, out var text))
            {
                if (!optionalFile) Problem(file, 0, Wording.Of("缺少文件"));
                return null;
            }
            return CsvSheet.Read(text, columns, optional, (line, reason) => Problem(file, line, reason));
        }
    }
}
