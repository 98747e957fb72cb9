namespace Judging.Tests.Programmes;

using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Judging.App.Programmes;
using Judging.App.Programmes.Import;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Tests.Domain.Programmes;
using Judging.Tests.Support;

/// <summary>
/// Issue 13 with issue 12, section 3: every text the programmes build (the rules' reasons of the four programmes, the
/// windows' texts, the form's hints, ProgrammeService's and ProgrammeFormalReview's refusals, the importers' problems) is
/// a <see cref="Wording"/> whose zh-CN format has English in <c>Judging.App/Resources/Wordings.en.resx</c>. The source
/// files are scanned for <c>Wording.Of("…")</c>, so a new rule without English fails here; the seeded programmes'
/// checks and hints are then worded in English as a page would word them.
/// </summary>
public sealed partial class ProgrammeWordingsTests
{
    /// <summary>The folders whose <c>*.cs</c> files (not their subfolders) build programme wordings.</summary>
    private static readonly string[] Folders =
    [
        Path.Combine("Judging.Domain", "Programmes"),
        Path.Combine("Judging.App", "Programmes"),
        Path.Combine("Judging.App", "Programmes", "Import"),
        Path.Combine("Judging.App", "Programmes", "Review"),
    ];

    private static readonly string Resx = Path.Combine(Paths.Root, "Judging.App", "Resources", "Wordings.en.resx");

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>A call whose first argument is one C# string literal (escapes allowed), the format.</summary>
    [GeneratedRegex(@"Wording\.Of\(\s*""(?<key>(?:[^""\\]|\\.)*)""(?<after>\s*.)")]
    private static partial Regex LiteralUse();

    [GeneratedRegex(@"Wording\.Of\(")]
    private static partial Regex AnyUse();

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>A format that is only placeholders ("{0}", "{0}{1}") is data and needs no English (it may have some: "{0}{1}" → "{0} ({1})").</summary>
    [GeneratedRegex(@"^(\{\d+\})+$")]
    private static partial Regex PureData();

    private static readonly Lazy<Dictionary<string, string>> english = new(() =>
        XDocument.Load(Resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? ""));

    private static IEnumerable<string> SourceFiles() =>
        Folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Paths.Root, f), "*.cs", SearchOption.TopDirectoryOnly)).Order();

    /// <summary>The file without comment lines (<c>//</c>, <c>///</c>), whose examples are not uses.</summary>
    private static string CodeOnly(string file) =>
        string.Join('\n', File.ReadAllText(file).Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    /// <summary>Every <c>Wording.Of("…")</c> format of the programme sources, unescaped, with its file.</summary>
    private static List<(string File, string Format)> Formats() =>
        SourceFiles().SelectMany(f => LiteralUse().Matches(CodeOnly(f))
            .Select(m => (File: Path.GetFileName(f), Format: Regex.Unescape(m.Groups["key"].Value)))).ToList();

    [Fact]
    public void Every_programme_wording_is_written_as_one_literal_the_scan_can_read()
    {
        var odd = new List<string>();
        var calls = 0;
        foreach (var f in SourceFiles())
        {
            var code = CodeOnly(f);
            calls += AnyUse().Matches(code).Count;
            // A format from a constant, an interpolation or a verbatim string would be skipped by the scan below.
            var literals = LiteralUse().Matches(code);
            if (literals.Count != AnyUse().Matches(code).Count)
                odd.Add($"{Path.GetFileName(f)}: {AnyUse().Matches(code).Count - literals.Count} Wording.Of( without a plain literal first");
            // "a" + "b" would be scanned as "a" only.
            odd.AddRange(literals.Where(m => m.Groups["after"].Value.Trim() == "+").Select(m => $"{Path.GetFileName(f)}: \"{m.Groups["key"].Value}\" + …"));
        }
        Assert.True(odd.Count == 0, "Formats the scan cannot read whole:\n" + string.Join("\n", odd));
        // `grep -v '^\s*//' *.cs | grep -o 'Wording\.Of(' | wc -l` per folder on 2026-11-26: Domain 121, App 55, Import 69
        // = 245. The floor is lower so that a rule reworded or dropped on another branch does not fail here; a folder
        // renamed or a pattern gone wrong (0, or one folder's 55) does.
        Assert.True(calls >= 200, $"only {calls} Wording.Of( calls found: did a folder move?");
    }

    [Fact]
    public void Every_programme_format_has_English_with_the_same_placeholders_that_formats()
    {
        var formats = Formats();
        var keys = formats.Select(f => f.Format).ToHashSet();
        // Spot checks that the scan reads a Domain reason with three placeholders, an importer's problem without any
        // and a hint of ProgrammeRuleSets whole.
        Assert.Contains("公示时间不少于5个工作日；{0} 至 {1} 只有 {2} 个工作日", keys);
        Assert.Contains("引号未闭合", keys);
        Assert.Contains("近年亏损的年度，用“、”分隔；政策性亏损写作 {0}；没有则留空", keys);

        var problems = new List<string>();
        foreach (var (file, format) in formats.DistinctBy(f => f.Format))
        {
            if (!english.Value.TryGetValue(format, out var en) || string.IsNullOrWhiteSpace(en))
            {
                if (PureData().IsMatch(format)) continue;
                problems.Add($"{file}: no English for \"{format}\"");
                continue;
            }
            if (Han().IsMatch(en)) problems.Add($"{file}: Chinese in the English of \"{format}\": \"{en}\"");
            var zhSlots = Placeholder().Matches(format).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
            var enSlots = Placeholder().Matches(en).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
            if (!zhSlots.SetEquals(enSlots))
            {
                problems.Add($"{file}: placeholders differ in \"{format}\" → \"{en}\"");
                continue;
            }
            if (zhSlots.Count == 0) continue; // a text without arguments is shown as it is, braces and all
            var args = Enumerable.Range(0, zhSlots.Max() + 1).Select(i => (object?)i).ToArray();
            try { _ = string.Format(English, en, args); }
            catch (FormatException e) { problems.Add($"{file}: \"{en}\" does not format: {e.Message}"); }
        }
        Assert.True(problems.Count == 0, "Programme wordings without good English in Resources/Wordings.en.resx:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// <paramref name="wording"/> in English as <c>Wordings.Word</c> gives it, with every format or separator that has no
    /// English (data formats aside) added to <paramref name="missing"/>.
    /// </summary>
    private static string Word(Wording wording, ISet<string> missing) =>
        wording.Render(key =>
        {
            if (english.Value.TryGetValue(key, out var en) && !string.IsNullOrWhiteSpace(en)) return en;
            if (!PureData().IsMatch(key)) missing.Add(key);
            return key;
        }, English);

    private static string Seed(string folder, string file) => File.ReadAllText(Path.Combine(Paths.Seeds, "programmes", folder, file));

    private static IReadOnlyList<T> Facts<T>(ApplicantImportResult<T> result)
    {
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        return result.Applicants!.Select(a => a.Facts).ToList();
    }

    [Fact]
    public void The_seeded_programmes_checks_hints_and_windows_read_in_English()
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var checks = new List<RuleCheck>();
        checks.AddRange(Facts(ApplicantImport.GovernmentQualityAward2025(Seed("government-quality-award-2025", "applicants.csv"),
            Seed("government-quality-award-2025", "past-winners.csv"))).SelectMany(f => GovernmentQualityAwardRules.Check(f, WorkingDaysTests.Cn)));
        checks.AddRange(Facts(ApplicantImport.QualityBenchmark2021(Seed("quality-benchmark-2021", "applicants.csv"))).SelectMany(f => QualityBenchmarkRules.Check(f)));
        var tech2022 = Facts(ApplicantImport.TechnologyAward2022(Seed("technology-award-2022", "applicants.csv")));
        checks.AddRange(tech2022.SelectMany(a => TechnologyAwardRules2022.Check(a, tech2022.Where(o => o.Applicant == a.Applicant), a.SubmittedAt!.Value)));
        checks.AddRange(Facts(ApplicantImport.TechnologyAward2024(Seed("technology-award-2024", "applicants.csv"))).SelectMany(f => TechnologyAwardRules2024.Check(f)));
        // 32 + 27 + 30 seeded rows (SeededApplicantsTests) and the benchmark's: at least a check each.
        Assert.True(checks.Count > 89, $"only {checks.Count} checks");
        foreach (var c in checks) Word(c.Reason, missing);

        var hints = 0;
        foreach (var code in new[] { "quality-benchmark-2021", "government-quality-award-2025", "technology-award-2022", "technology-award-2024" })
        {
            var read = ProgrammeImport.ReadFolder(Path.Combine(Paths.Seeds, "programmes", code));
            Assert.True(read.Ok, string.Join("\n", read.Problems));
            var programme = read.Definition!;
            var rules = ProgrammeRuleSet.For(programme);
            foreach (var hint in programme.Categories.SelectMany(rules.Fields).Select(f => f.Hint).OfType<Wording>())
            {
                Word(hint, missing);
                hints++;
            }
            foreach (var w in programme.Windows) Word(w.Window.Text, missing);
        }
        Assert.True(hints > 0);
        Assert.True(missing.Count == 0, "Worded in English but without English:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void A_reason_a_hint_and_a_nested_award_name_in_English()
    {
        var none = new HashSet<string>();
        // G19 (seed 002) holds its 公示 2025-05-27 – 2025-06-02; 5/31 – 6/2 are 端午 days off, so 5/27, 5/28, 5/29, 5/30 = 4.
        var g19 = Word(Wording.Of("公示时间不少于5个工作日；{0} 至 {1} 只有 {2} 个工作日", "2025-05-27", "2025-06-02", 4), none);
        Assert.Equal("The public notice must last at least 5 working days; 2025-05-27 to 2025-06-02 has only 4", g19);
        // The award name is itself "{0}{1}" over two worded names: 上海市质量金奖 + 先进质量管理模式.
        var name = Wording.Of("{0}{1}", GovernmentQualityAwardRules.LevelName(QualityAwardLevel.Gold),
            GovernmentQualityAwardRules.KindName(QualityAwardApplicant.Organisation));
        Assert.Equal("Has not won the Shanghai Quality Gold Award (Advanced Quality Management Model) in the last 5 years",
            Word(Wording.Of("近5年未获{0}", name), none));
        Assert.Equal("This application has passed the formal review", Word(Wording.Of("这份申报已通过形式审查"), none));
        Assert.Empty(none);
    }
}
