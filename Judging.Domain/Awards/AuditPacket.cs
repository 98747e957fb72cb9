namespace Judging.Domain.Awards;

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Judging.Domain.Scoring;
using Judging.Domain.Tally;

/// <summary>
/// The audit packet of a track (issue 3): all raw cards, the rule configuration and the overrides (<see cref="Input"/>),
/// the results (<see cref="Results"/>), and a SHA-256 (lower-case hex) over the canonical JSON of format, input and
/// results. Anyone can recompute the results from the input with <see cref="Verify"/>. <see cref="Tally"/> pins the
/// competition's verifiable tally (issue 14, §2) when the awards were confirmed: the length and head of its hash chain
/// (<see cref="TallyChain"/>), covered by the SHA-256; absent (and outside the hash) in packets written before it.
/// </summary>
public sealed record AuditPacket(string Format, TrackInput Input, IReadOnlyList<ResultLine> Results, string Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TallyHead? Tally = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PanelReport>? Panels = null)
{
    /// <summary>The format tag written into every packet.</summary>
    public const string FormatTag = "judging-audit-packet/1";

    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions Pretty = new(Canonical) { WriteIndented = true };

    private sealed record Body(string Format, TrackInput Input, IReadOnlyList<ResultLine> Results,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TallyHead? Tally = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PanelReport>? Panels = null);

    /// <summary>
    /// Builds the packet of <paramref name="input"/> with its computed <paramref name="outcome"/> and, when given, the tally's head
    /// and the judge reports of the track's panels (issue 14, §1: "kept in the audit packet"), all under the hash.
    /// </summary>
    public static AuditPacket Create(TrackInput input, TrackOutcome outcome, TallyHead? tally = null, IReadOnlyList<PanelReport>? panels = null) =>
        new(FormatTag, input, outcome.Lines, Hash(new Body(FormatTag, input, outcome.Lines, tally, panels)), tally, panels);

    /// <summary>The packet as indented UTF-8 JSON (Chinese kept readable).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Pretty);

    private static string Hash(Body body) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, Canonical)));

    /// <summary>Reads a packet written by <see cref="ToJson"/>; throws <see cref="JsonException"/> when it is not one.</summary>
    public static AuditPacket Parse(string json) =>
        JsonSerializer.Deserialize<AuditPacket>(json, Canonical) is { Input: not null, Results: not null, Format: FormatTag } p
            ? p : throw new JsonException("不是本系统的审计包（格式标记不符）");

    /// <summary>
    /// Reads a packet, checks its SHA-256 over the content, recomputes the results from its input and compares them
    /// line by line. Never throws on bad input: an unreadable packet gives a result with <see cref="PacketCheck.Readable"/> false.
    /// </summary>
    public static PacketCheck Verify(string json)
    {
        AuditPacket? packet;
        try
        {
            packet = JsonSerializer.Deserialize<AuditPacket>(json, Canonical);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return new PacketCheck(false, false, false, [$"无法读取审计包：{e.Message}"], null);
        }
        if (packet?.Input is null || packet.Results is null || packet.Format != FormatTag)
            return new PacketCheck(false, false, false, ["不是本系统的审计包（格式标记不符）"], null);
        var hashOk = Hash(new Body(packet.Format, packet.Input, packet.Results, packet.Tally, packet.Panels)) == packet.Sha256;
        var differences = new List<string>();
        if (!hashOk) differences.Add("SHA-256 不符：审计包内容在生成后被改动");
        TrackOutcome outcome;
        try
        {
            outcome = TrackResults.Compute(packet.Input);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NullReferenceException or InvalidOperationException
                                   or IndexOutOfRangeException or KeyNotFoundException or OverflowException)
        {
            // Invalid rules, or parts of the input missing or malformed in an edited packet.
            differences.Add($"无法按审计包中的规则重新计算：{e.Message}");
            return new PacketCheck(true, hashOk, false, differences, packet);
        }
        var stored = new Dictionary<int, ResultLine>();
        foreach (var r in packet.Results)
        {
            if (r is null) differences.Add("审计包中有空的结果行");
            else if (!stored.TryAdd(r.EntryId, r)) differences.Add($"{r.Code}：审计包中此作品的结果出现多次");
        }
        foreach (var line in outcome.Lines)
        {
            if (!stored.TryGetValue(line.EntryId, out var s)) differences.Add($"{line.Code}：审计包中缺少此作品的结果");
            else if (s != line) differences.Add($"{line.Code}：记录为 {Describe(s)}，重新计算为 {Describe(line)}");
        }
        foreach (var extra in stored.Keys.Except(outcome.Lines.Select(l => l.EntryId)))
            differences.Add($"作品 {stored[extra].Code}：审计包中有结果，但输入中没有此作品");
        var match = outcome.Lines.Count == packet.Results.Count && outcome.Lines.All(l => stored.TryGetValue(l.EntryId, out var s) && s == l);
        return new PacketCheck(true, hashOk, match, differences, packet);
    }

    private static string Describe(ResultLine l) =>
        $"{l.FinalistStatus}/{l.PreliminaryScore:0.####}/{l.FinalScore:0.####}/{l.Award}";
}

/// <summary>Outcome of <see cref="AuditPacket.Verify"/>: readable, hash intact, recomputed results equal the stored ones; differences in Chinese.</summary>
public sealed record PacketCheck(bool Readable, bool HashMatches, bool ResultsMatch, IReadOnlyList<string> Differences, AuditPacket? Packet)
{
    /// <summary>True when the hash and the recomputed results both match.</summary>
    public bool Verified => Readable && HashMatches && ResultsMatch;
}

/// <summary>
/// The judge report of one stage of a track as kept in its audit packet (issue 14, §1): <see cref="Stage"/> is
/// <c>Preliminary</c> or <c>Final</c>; one <see cref="JudgeFigure"/> per judge (severity, spread, rank correlation, trimmed and
/// flagged counts; <see cref="JudgeFigures"/>) over the stage's effective cards.
/// </summary>
public sealed record PanelReport(string Stage, IReadOnlyList<JudgeFigure> Judges)
{
    /// <summary>The reports of the track's preliminary and final cards in <paramref name="input"/> (a stage without cards is left out).</summary>
    public static IReadOnlyList<PanelReport> Of(TrackInput input)
    {
        var list = new List<PanelReport>();
        foreach (var (stage, cards) in new[] { ("Preliminary", input.PreliminaryCards), ("Final", input.FinalCards) })
        {
            if (cards.Count == 0) continue;
            var panels = cards.GroupBy(c => c.EntryId).Select(g => new EntryPanel(g.Key, g.Select(PanelCard.From).ToList())).ToList();
            list.Add(new PanelReport(stage, JudgeFigures.Of(panels, input.Scoring)));
        }
        return list;
    }
}
