namespace VerifyTally;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

/// <summary>A film's stored votes by outcome (issue 14, §2): counted in public, held in an undecided cluster, or excluded.</summary>
public readonly record struct FilmVotes(int Public, int Held, int Excluded);

/// <summary>An entry's trimmed mean in a round (points, exact decimal) over <paramref name="Cards"/> counting cards.</summary>
public readonly record struct EntryMean(decimal Mean, int Cards);

/// <summary>An entry of the export: id, code ("F01"), title and track ("MicroFilm", …).</summary>
public sealed record ExportEntry(int Id, string Code, string Title, string Track);

/// <summary>The file is unreadable or not a <c>judging-tally/1</c> export (exit code 2).</summary>
public sealed class TallyFormatException(string message) : Exception(message);

/// <summary>
/// What <see cref="TallyVerifier.Check"/> recomputed from an export (issue 14, §2). <see cref="Intact"/> is false when any
/// <see cref="Problems"/> were found (a changed body, a removed or reordered link, a body that does not parse, a head of the
/// export that is not the recomputed one, a <c>--length</c> beyond the chain). <see cref="HeadMatches"/> is null without
/// <c>--head</c>; otherwise whether the hash after <see cref="PrefixLength"/> links (all of them without <c>--length</c>) is it.
/// </summary>
public sealed record TallyCheck(
    bool Intact,
    long Length,
    string Head,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<int, FilmVotes> VotesPerFilm,
    IReadOnlyDictionary<long, int> VotesPerReason,
    IReadOnlyDictionary<(int Round, int Entry), EntryMean> TrimmedMeans,
    bool? HeadMatches,
    bool? ExportHeadMatches,
    long? PrefixLength,
    string? PrefixHead,
    string Competition,
    IReadOnlyDictionary<int, ExportEntry> Entries,
    IReadOnlyDictionary<int, string> Rounds,
    IReadOnlyDictionary<long, string> ReasonCodes);

/// <summary>
/// Checks a tally export (format <c>judging-tally/1</c>, docs/tally.md) against the hash-chain rule and recomputes the
/// published counts: votes per film and trimmed means per entry (issue 14, §2). Independent of the app on purpose.
/// </summary>
public static class TallyVerifier
{
    /// <summary>The <c>format</c> value this verifier reads.</summary>
    public const string Format = "judging-tally/1";

    /// <summary>The hash before link 1: sixty-four "0" characters.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly Dictionary<string, string[]> Layouts = new()
    {
        ["card"] = ["round", "entry", "judge", "attempt", "points", "total"],
        ["unlock"] = ["round", "entry", "judge", "attempt"],
        ["vote"] = ["id", "film", "voter", "day", "status", "reasons", "cluster"],
        ["hold"] = ["vote", "cluster", "reasons"],
        ["decision"] = ["cluster", "film", "outcome"],
    };

    private const string Usage = """
        用法 usage: verify-tally EXPORT.json [--head HEX] [--length N]
          EXPORT.json    评分卡与投票的链导出 the tally export (judging-tally/1, docs/tally.md)
          --head HEX     公布的链头 the published head (64 hex)
          --length N     公布时的链长 the published length: the first N links must end in HEX
        退出码 exit: 0 链完整 intact · 1 链损坏或链头不符 broken or head mismatch · 2 文件不可读 unreadable / not this format
        """;

    /// <summary>lower-case hex SHA-256 of the UTF-8 bytes of <c>prev + "\n" + body</c> (the chain rule).</summary>
    public static string LinkHash(string prev, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prev + "\n" + body)));

    /// <summary>
    /// The command line: <c>EXPORT.json [--head HEX] [--length N]</c> or <c>--help</c>. Writes the report to
    /// <paramref name="output"/>; returns 0 (intact, head matches when given), 1 (broken or head mismatch), 2 (unreadable file,
    /// not this format, or bad arguments).
    /// </summary>
    public static int Run(string[] args, TextWriter output)
    {
        string? file = null, head = null;
        long? length = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                case "--head" when i + 1 < args.Length:
                    head = args[++i];
                    break;
                case "--length" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    length = n;
                    i++;
                    break;
                default:
                    if (file is not null || args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        output.WriteLine($"参数错误 bad argument: {args[i]}");
                        output.WriteLine(Usage);
                        return 2;
                    }
                    file = args[i];
                    break;
            }
        }
        if (file is null)
        {
            output.WriteLine(Usage);
            return 2;
        }
        TallyCheck check;
        try
        {
            using var stream = File.OpenRead(file);
            check = Check(stream, head, length);
        }
        catch (Exception e) when (e is TallyFormatException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"无法读取 unreadable: {file}: {e.Message}");
            return 2;
        }
        Print(check, output);
        var passed = check.Intact && check.HeadMatches != false;
        output.WriteLine($"结论 verdict: {(passed ? "通过 passed (exit 0)" : "未通过 failed (exit 1)")}");
        return passed ? 0 : 1;
    }

    /// <summary>
    /// Reads an export, recomputes the chain and the counts. <paramref name="head"/> (hex, any case) is compared with the
    /// hash after the first <paramref name="length"/> links (all links when null). Throws <see cref="TallyFormatException"/>
    /// when the stream is not JSON or not a <c>judging-tally/1</c> export; chain faults are <see cref="TallyCheck.Problems"/>.
    /// </summary>
    public static TallyCheck Check(Stream exportJson, string? head, long? length)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(exportJson); }
        catch (Exception e) when (e is JsonException or ArgumentException) { throw new TallyFormatException($"不是 JSON not JSON: {e.Message}"); }
        using (doc)
        {
            try { return Read(doc.RootElement, head, length); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { throw new TallyFormatException(e.Message); }
        }
    }

    private static TallyCheck Read(JsonElement root, string? head, long? length)
    {
        if (root.ValueKind != JsonValueKind.Object || Str(root, "format") != Format)
            throw new TallyFormatException($"不是 {Format} 导出 not a {Format} export");

        var entries = Req(root, "entries", JsonValueKind.Array).EnumerateArray()
            .Select(e => new ExportEntry(Int(e, "id"), Str(e, "code"), Str(e, "title"), Str(e, "track")))
            .ToDictionary(e => e.Id);
        var rounds = Req(root, "rounds", JsonValueKind.Array).EnumerateArray().ToDictionary(r => Int(r, "id"), r => Str(r, "title"));
        var reasonCodes = root.TryGetProperty("reasonCodes", out var rc) && rc.ValueKind == JsonValueKind.Object
            ? rc.EnumerateObject().ToDictionary(
                p => long.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var bit) ? bit : throw new TallyFormatException($"reasonCodes: {p.Name}"),
                p => p.Value.GetString() ?? "")
            : [];
        var trimming = Req(root, "trimming", JsonValueKind.Object);
        int trimHighest = Int(trimming, "trimHighest"), trimLowest = Int(trimming, "trimLowest"), trimAtLeast = Int(trimming, "trimWhenAtLeast");

        var problems = new List<string>();
        var warnings = new List<string>();

        // The chain: seq 1, 2, 3 …; hash(n) = SHA-256(prev + "\n" + body) with prev of link 1 the genesis.
        var prev = Genesis;
        long expectedSeq = 1, count = 0;
        string? prefixHead = length == 0 ? Genesis : null, firstChanged = null;
        var bodies = new List<(long Seq, string Body)>();
        foreach (var link in Req(root, "links", JsonValueKind.Array).EnumerateArray())
        {
            var seq = Long(link, "seq");
            var body = Str(link, "body");
            var stored = Str(link, "hash");
            if (seq != expectedSeq)
                problems.Add($"seq {seq}: 序号应为 {expectedSeq} expected seq {expectedSeq} (链环被删除或重排 a link removed or reordered)");
            expectedSeq = seq + 1;
            prev = LinkHash(prev, body);
            count++;
            if (count == length) prefixHead = prev;
            if (firstChanged is null && !string.Equals(prev, stored, StringComparison.Ordinal))
                firstChanged = $"seq {seq}: 存储的哈希与重算的不符 stored hash differs from the recomputed one (内容被改动或链环缺失 body changed or a link missing)";
            bodies.Add((seq, body));
        }
        if (firstChanged is not null) problems.Add(firstChanged);
        if (length > count)
            problems.Add($"--length {length}: 超过链长 beyond the chain length {count}");

        bool? exportHeadMatches = null;
        if (root.TryGetProperty("head", out var exportHead) && exportHead.ValueKind == JsonValueKind.Object)
        {
            exportHeadMatches = Long(exportHead, "length") == count && Str(exportHead, "hash") == prev;
            if (exportHeadMatches == false)
                problems.Add("导出的链头与重算的不符 the export's head differs from the recomputed head");
        }
        bool? headMatches = head is null ? null
            : (length is null ? prev : prefixHead) is { } h && string.Equals(h, head.Trim(), StringComparison.OrdinalIgnoreCase);

        // The counts, from every body that parses (in chain order).
        var cards = new Dictionary<(int Round, int Entry, int Judge), SortedDictionary<int, decimal>>();
        var unlocks = new HashSet<(int, int, int, int)>();
        var votes = new Dictionary<int, (int Film, long Reasons, int? Cluster, bool Held)>();
        var decisions = new Dictionary<int, bool>();
        foreach (var (seq, body) in bodies)
        {
            try
            {
                var (kind, v) = ParseBody(body);
                switch (kind)
                {
                    case "card":
                        _ = v[4].Split(';').Select(Points).ToArray();
                        var key = (Id(v[0]), Id(v[1]), Id(v[2]));
                        if (!cards.TryGetValue(key, out var attempts)) cards[key] = attempts = [];
                        attempts[Id(v[3])] = Points(v[5]);
                        break;
                    case "unlock":
                        unlocks.Add((Id(v[0]), Id(v[1]), Id(v[2]), Id(v[3])));
                        break;
                    case "vote":
                        _ = DateOnly.TryParseExact(v[3], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? 0 : throw new FormatException($"day={v[3]}");
                        var held = v[4] switch { "accepted" => false, "held" => true, _ => throw new FormatException($"status={v[4]}") };
                        if (v[2].Length == 0) throw new FormatException("voter=");
                        var vote = (Id(v[1]), Flags(v[5]), v[6].Length == 0 ? (int?)null : Id(v[6]), held);
                        if (!votes.TryAdd(Id(v[0]), vote)) warnings.Add($"seq {seq}: 重复的投票 vote {v[0]} stored twice (以第一次为准 the first counts)");
                        break;
                    case "hold":
                        if (votes.TryGetValue(Id(v[0]), out var was))
                            votes[Id(v[0])] = (was.Film, was.Reasons | Flags(v[2]), Id(v[1]), true);
                        else
                            warnings.Add($"seq {seq}: 暂扣未存储的投票 hold of vote {v[0]} not stored before");
                        break;
                    case "decision":
                        _ = Id(v[1]);
                        decisions[Id(v[0])] = v[2] switch { "include" => true, "exclude" => false, _ => throw new FormatException($"outcome={v[2]}") };
                        break;
                }
            }
            catch (FormatException e)
            {
                problems.Add($"seq {seq}: 内容无法解析 body does not parse ({e.Message})");
            }
        }

        // Votes: a vote's cluster is its own or that of a later hold; no cluster → public (held when stored held);
        // a cluster whose latest decision is include → public, exclude → excluded, none → held.
        var perFilm = entries.Values.Where(e => e.Track == "MicroFilm").ToDictionary(e => e.Id, _ => new FilmVotes(0, 0, 0));
        var perReason = reasonCodes.Keys.ToDictionary(bit => bit, _ => 0);
        foreach (var (film, reasons, cluster, held) in votes.Values)
        {
            var f = perFilm.GetValueOrDefault(film);
            bool? decided = cluster is { } c && decisions.TryGetValue(c, out var include) ? include : null;
            perFilm[film] = cluster is null && !held || decided == true ? f with { Public = f.Public + 1 }
                : decided == false ? f with { Excluded = f.Excluded + 1 }
                : f with { Held = f.Held + 1 };
            for (var bit = 1L; bit > 0 && bit <= reasons; bit <<= 1)
                if ((reasons & bit) != 0) perReason[bit] = perReason.GetValueOrDefault(bit) + 1;
        }
        foreach (var film in perFilm.Keys.Where(id => !entries.ContainsKey(id)))
            warnings.Add($"投票给未列出的作品 votes for entry {film}, not in \"entries\"");

        // Cards: per (round, entry, judge) the highest attempt counts unless an unlock names that attempt.
        var means = cards
            .Select(c => (c.Key, Attempt: c.Value.Keys.Max(), Total: c.Value[c.Value.Keys.Max()]))
            .Where(c => !unlocks.Contains((c.Key.Round, c.Key.Entry, c.Key.Judge, c.Attempt)))
            .GroupBy(c => (c.Key.Round, c.Key.Entry), c => c.Total)
            .ToDictionary(g => g.Key, g => TrimmedMean([.. g], trimHighest, trimLowest, trimAtLeast));

        return new TallyCheck(problems.Count == 0, count, prev, problems, warnings, perFilm, perReason, means, headMatches,
            exportHeadMatches, length, prefixHead, Str(root, "competition"), entries, rounds, reasonCodes);
    }

    /// <summary>
    /// The trimmed mean of card totals (points): when there are at least <paramref name="atLeast"/> totals, the
    /// <paramref name="lowest"/> lowest and <paramref name="highest"/> highest are dropped; otherwise the plain mean.
    /// </summary>
    public static EntryMean TrimmedMean(IReadOnlyList<decimal> totals, int highest, int lowest, int atLeast)
    {
        var sorted = totals.Order().ToList();
        if (sorted.Count >= atLeast && sorted.Count > highest + lowest)
            sorted = sorted.Skip(lowest).Take(sorted.Count - lowest - highest).ToList();
        return new EntryMean(sorted.Sum() / sorted.Count, totals.Count);
    }

    /// <summary>Splits a body into its kind and its values, checking the kind and the fields' names and order.</summary>
    private static (string Kind, string[] Values) ParseBody(string body)
    {
        var parts = body.Split('|');
        if (!Layouts.TryGetValue(parts[0], out var names)) throw new FormatException($"未知种类 unknown kind \"{parts[0]}\"");
        if (parts.Length != names.Length + 1) throw new FormatException($"{parts[0]}: 字段数 {parts.Length - 1} fields, expected {names.Length}");
        var values = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!parts[i + 1].StartsWith(names[i] + "=", StringComparison.Ordinal))
                throw new FormatException($"{parts[0]}: 第 {i + 1} 个字段应为 field {i + 1} should be {names[i]}=");
            values[i] = parts[i + 1][(names[i].Length + 1)..];
        }
        return (parts[0], values);
    }

    private static int Id(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == s
            ? n : throw new FormatException($"\"{s}\" 不是整数 not an id");

    private static long Flags(string s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == s
            ? n : throw new FormatException($"reasons=\"{s}\"");

    /// <summary>Points in invariant culture without trailing zeros ("18", "22.5"); any other spelling does not parse.</summary>
    private static decimal Points(string s) =>
        decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
        && d.ToString("0.############################", CultureInfo.InvariantCulture) == s
            ? d : throw new FormatException($"\"{s}\" 不是规范的分数 not canonical points");

    private static JsonElement Req(JsonElement o, string name, JsonValueKind kind) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var p) && p.ValueKind == kind
            ? p : throw new TallyFormatException($"缺少 missing \"{name}\" ({kind})");

    private static string Str(JsonElement o, string name) => Req(o, name, JsonValueKind.String).GetString()!;

    private static long Long(JsonElement o, string name) =>
        Req(o, name, JsonValueKind.Number).TryGetInt64(out var n) ? n : throw new TallyFormatException($"\"{name}\" 不是整数 not an integer");

    private static int Int(JsonElement o, string name) =>
        Req(o, name, JsonValueKind.Number).TryGetInt32(out var n) ? n : throw new TallyFormatException($"\"{name}\" 不是整数 not an integer");

    /// <summary>The plain-text report: chain, problems, votes per film and per reason, trimmed means per round.</summary>
    private static void Print(TallyCheck c, TextWriter o)
    {
        static string Same(bool? b) => b switch { true => "一致 matches", false => "不一致 differs", null => "未给出 not given" };
        string Name(int id) => c.Entries.TryGetValue(id, out var e) ? $"{e.Code} {e.Title}" : $"#{id}";
        string Code(int id) => c.Entries.TryGetValue(id, out var e) ? e.Code : $"~{id:D9}";

        o.WriteLine($"比赛 competition: {c.Competition}");
        o.WriteLine("链 chain");
        o.WriteLine($"  链长 chain length: {c.Length}");
        o.WriteLine($"  链头 chain head: {c.Head}");
        o.WriteLine($"  导出的链头 export's head: {Same(c.ExportHeadMatches)}");
        if (c.PrefixLength is { } n) o.WriteLine($"  前 {n} 环的链头 head after {n} links: {c.PrefixHead ?? "—"}");
        o.WriteLine($"  公布的链头 published head (--head): {Same(c.HeadMatches)}");
        o.WriteLine($"  结果 result: {(c.Intact ? "完整 intact" : "损坏 broken")}");
        if (c.Problems.Count > 0) o.WriteLine("问题 problems");
        foreach (var p in c.Problems) o.WriteLine($"  {p}");
        if (c.Warnings.Count > 0) o.WriteLine("提示 notes");
        foreach (var w in c.Warnings) o.WriteLine($"  {w}");

        o.WriteLine("每部作品的票数 votes per film (公开 public / 暂扣 held / 排除 excluded)");
        foreach (var (id, v) in c.VotesPerFilm.OrderBy(f => Code(f.Key), StringComparer.Ordinal).ThenBy(f => f.Key))
            o.WriteLine($"  {Name(id)}: {v.Public} / {v.Held} / {v.Excluded}");
        o.WriteLine($"  合计 total: {c.VotesPerFilm.Values.Sum(v => v.Public)} / {c.VotesPerFilm.Values.Sum(v => v.Held)} / {c.VotesPerFilm.Values.Sum(v => v.Excluded)}");
        o.WriteLine("按原因的票数 votes per reason code");
        foreach (var (bit, votes) in c.VotesPerReason.OrderBy(r => r.Key))
            o.WriteLine($"  {bit} {c.ReasonCodes.GetValueOrDefault(bit, "?")}: {votes}");

        o.WriteLine("去极值平均分 trimmed means");
        foreach (var round in c.TrimmedMeans.GroupBy(m => m.Key.Round).OrderBy(g => g.Key))
        {
            o.WriteLine($"  轮次 round {round.Key} {c.Rounds.GetValueOrDefault(round.Key, "?")}");
            foreach (var (key, m) in round.OrderBy(m => Code(m.Key.Entry), StringComparer.Ordinal).ThenBy(m => m.Key.Entry))
                o.WriteLine($"    {Name(key.Entry)}: {Math.Round(m.Mean, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)} ({m.Cards} 张评分卡 cards)");
        }
    }
}
