namespace Judging.Tests.Architecture;

using System.Text.RegularExpressions;
using System.Xml.Linq;
using Judging.Tests.Support;

/// <summary>
/// Issue 12, section 3: English complete beside Chinese. A text is written in code as its zh-CN wording,
/// <c>L["入围名单"]</c> (the component's or class's own resources) or <c>S["取消"]</c> (SharedResource); the English
/// is in <c>Judging.App/Resources/…/Name.en.resx</c> (see <c>Components/UiModule.cs</c>). These tests read every
/// .razor and .cs file of the app and fail when a key has no English, when a key is not Chinese (then zh-CN would show
/// it as written), or when the placeholders ({0}, {1}…) differ between the two.
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly string App = Path.Combine(Paths.Root, "Judging.App");

    [GeneratedRegex(@"(?<![\w.])(?<who>[LS])\[\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(App, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The English resource file that <c>L</c> in <paramref name="file"/> reads (named after the file).</summary>
    private static string OwnResources(string file)
    {
        var relative = Path.GetRelativePath(App, file);
        var name = Path.GetFileName(relative);
        name = name[..name.IndexOf('.', StringComparison.Ordinal)];
        return Path.Combine(App, "Resources", Path.GetDirectoryName(relative) ?? "", name + ".en.resx");
    }

    private static readonly Dictionary<string, Dictionary<string, string>> cache = [];

    private static Dictionary<string, string> Read(string resx)
    {
        if (cache.TryGetValue(resx, out var known)) return known;
        var entries = File.Exists(resx)
            ? XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "")
            : [];
        cache[resx] = entries;
        return entries;
    }

    /// <summary>The text without comment lines (<c>//</c>, <c>///</c>), whose examples are not uses.</summary>
    private static string CodeOnly(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    private static string Unescape(string literal) => Regex.Unescape(literal);

    private static List<(string File, string Key, string Resx)> Uses() =>
        SourceFiles().SelectMany(f => KeyUse().Matches(CodeOnly(File.ReadAllText(f))).Select(m =>
            (File: Path.GetRelativePath(App, f),
             Key: Unescape(m.Groups["key"].Value),
             Resx: m.Groups["who"].Value == "S" ? Path.Combine(App, "Resources", "SharedResource.en.resx") : OwnResources(f))))
        .ToList();

    [Fact]
    public void Every_text_written_in_code_has_its_English()
    {
        var missing = Uses().Where(u => !Read(u.Resx).TryGetValue(u.Key, out var en) || string.IsNullOrWhiteSpace(en))
            .Select(u => $"{u.File}: \"{u.Key}\" → {Path.GetRelativePath(App, u.Resx)}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_key_is_the_Chinese_wording_and_every_English_text_is_English()
    {
        var uses = Uses();
        var notChinese = uses.Where(u => !Han().IsMatch(u.Key)).Select(u => $"{u.File}: \"{u.Key}\"").Distinct().ToList();
        Assert.True(notChinese.Count == 0, "Keys that are not the zh-CN wording:\n" + string.Join("\n", notChinese));

        var resxFiles = Directory.EnumerateFiles(Path.Combine(App, "Resources"), "*.en.resx", SearchOption.AllDirectories);
        var chineseInEnglish = resxFiles.SelectMany(r => Read(r).Where(e => Han().IsMatch(e.Value))
            .Select(e => $"{Path.GetRelativePath(App, r)}: \"{e.Key}\" = \"{e.Value}\"")).ToList();
        Assert.True(chineseInEnglish.Count == 0, "English texts with Chinese in them:\n" + string.Join("\n", chineseInEnglish));
    }

    [Fact]
    public void Placeholders_are_the_same_in_both_languages()
    {
        var resxFiles = Directory.EnumerateFiles(Path.Combine(App, "Resources"), "*.resx", SearchOption.AllDirectories);
        var differ = resxFiles.SelectMany(r => Read(r)
            .Where(e => !Placeholder().Matches(e.Key).Select(m => m.Value.Split(':', ',')[0].Trim('{', '}')).Order()
                .SequenceEqual(Placeholder().Matches(e.Value).Select(m => m.Value.Split(':', ',')[0].Trim('{', '}')).Order()))
            .Where(_ => !r.EndsWith("MudBlazorStrings.zh-CN.resx", StringComparison.Ordinal))
            .Select(e => $"{Path.GetRelativePath(App, r)}: \"{e.Key}\" = \"{e.Value}\"")).ToList();
        Assert.True(differ.Count == 0, "Placeholders differ:\n" + string.Join("\n", differ));
    }

    [GeneratedRegex(@"Wording\.Of\(\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex WordingUse();

    /// <summary>
    /// The texts the rules build (<c>Wording.Of("…")</c> in the Domain and the app) and the fixed names the Domain gives
    /// (tiers, vote modes and states, voters' messages, audience awards, round kinds, the outlier rule), which pages word through
    /// <c>Wordings</c>: each has English in <c>Resources/Wordings.en.resx</c>.
    /// </summary>
    [Fact]
    public void Every_text_the_rules_build_has_its_English()
    {
        var resx = Read(Path.Combine(App, "Resources", "Wordings.en.resx"));
        var domain = Path.Combine(Paths.Root, "Judging.Domain");
        var formats = SourceFiles().Concat(Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .SelectMany(f => WordingUse().Matches(CodeOnly(File.ReadAllText(f))).Select(m => Unescape(m.Groups["key"].Value)))
            .ToHashSet();
        Assert.True(formats.Count > 50, $"only {formats.Count} wordings found: is the pattern still right?");
        IEnumerable<string> names =
        [
            .. Enum.GetValues<Judging.Domain.Awards.AwardTier>().Select(Judging.Domain.Awards.AwardNames.Of),
            Judging.Domain.Awards.AwardNames.Participation, Judging.Domain.Awards.AwardNames.AwaitingFinal,
            .. Enum.GetValues<Judging.Domain.VenueVoting.AwardMode>().Select(m => Judging.Domain.VenueVoting.AudienceNames.Of(m)),
            .. Enum.GetValues<Judging.Domain.VenueVoting.QuestionStatus>().Select(m => Judging.Domain.VenueVoting.AudienceNames.Of(m)),
            .. Enum.GetValues<Judging.Domain.VenueVoting.VoteAssurance>().Select(m => Judging.Domain.VenueVoting.AudienceNames.Of(m)),
            .. Enum.GetValues<Judging.Domain.Competitions.Track>().SelectMany(Judging.Domain.VenueVoting.AudienceAwardCatalog.Of),
            .. Enum.GetValues<Judging.Domain.VenueVoting.VoteOutcome>().Select(Judging.Domain.VenueVoting.VoteMessages.Text),
            Judging.Domain.Reviews.Outliers.RuleText,
            "演讲初赛", "演讲决赛", "微电影初赛", "微电影决赛", "创新案例初审", "创新案例复审", "，", "；", "、",
        ];
        var missing = formats.Concat(names).Where(k => !resx.TryGetValue(k, out var en) || string.IsNullOrWhiteSpace(en)).Distinct().ToList();
        Assert.True(missing.Count == 0, "No English in Resources/Wordings.en.resx for:\n" + string.Join("\n", missing));
    }
}
