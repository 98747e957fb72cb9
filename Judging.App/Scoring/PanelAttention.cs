namespace Judging.App.Scoring;

using System.Globalization;
using Judging.Domain.Scoring;

/// <summary>
/// "Call the panel's attention" (提请评委会注意, issue 14, §1): the chief judge's note on a flagged card, kept as an
/// append-only <see cref="AuditEntry"/> (no table of its own). The subject names the round, the entry, the judge and the
/// card's record id, so the chief's page and the judge report find the note again by <see cref="RecordIdOf"/>.
/// </summary>
public static class PanelAttention
{
    /// <summary>The audit entry's action.</summary>
    public const string Action = "提请评委会注意";

    /// <summary>
    /// The audit entry's subject: "轮次 {roundId} 作品 {entryCode} 评委 {judgeCode} {judgeName} 评分记录 {recordId}" (the first
    /// part as <see cref="ScoringService.UnlockAsync"/> writes it).
    /// </summary>
    public static string Subject(int roundId, string entryCode, string judgeCode, string judgeName, long recordId) =>
        $"轮次 {roundId} 作品 {entryCode} 评委 {judgeCode} {judgeName} 评分记录 {recordId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The prefix of the subjects of one round's notes ("轮次 {roundId} "), for a query.</summary>
    public static string RoundPrefix(int roundId) => $"轮次 {roundId.ToString(CultureInfo.InvariantCulture)} ";

    /// <summary>The card's record id in a <see cref="Subject"/>, or null when the text has none.</summary>
    public static long? RecordIdOf(string subject)
    {
        const string marker = " 评分记录 ";
        var at = subject.LastIndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && long.TryParse(subject.AsSpan(at + marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The latest note per record id among <paramref name="entries"/> (audit entries with <see cref="Action"/>), in id order.</summary>
    public static Dictionary<long, string> Notes(IEnumerable<AuditEntry> entries)
    {
        var notes = new Dictionary<long, string>();
        foreach (var e in entries.Where(e => e.Action == Action).OrderBy(e => e.Id))
            if (RecordIdOf(e.Subject) is { } id) notes[id] = e.Reason ?? "";
        return notes;
    }
}
