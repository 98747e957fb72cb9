namespace Judging.Domain.Defence;

/// <summary>
/// A case called to a defence (答辩) in the re-review (复审): seed 000, 四、(二) "入围标杆级案例答辩"; issue 5: "the organiser marks
/// cases for defence and schedules them; the panel scores the defences with the live round flow".
/// </summary>
/// <param name="EntryId">The case (an entry of the re-review round).</param>
/// <param name="StartsAt">Start, Asia/Shanghai local time (北京时间), minute precision.</param>
/// <param name="Minutes">Length of the slot in minutes (presentation and questions), 5–120.</param>
/// <param name="Reason">Why the case is called (e.g. 达到标杆级水平), required.</param>
public sealed record DefenceSlot(int EntryId, DateTime StartsAt, int Minutes, string Reason)
{
    /// <summary>End of the slot (exclusive), Asia/Shanghai local time.</summary>
    public DateTime EndsAt => StartsAt.AddMinutes(Minutes);
}

/// <summary>
/// The rules of the defence schedule: only re-review cases are called, with a reason; slots last 5–120 minutes and never
/// overlap (one panel hears one defence at a time); the re-review's running order puts the defences first, by start time,
/// then the other re-review cases in their existing order.
/// </summary>
public static class DefenceSchedule
{
    /// <summary>Shortest slot, minutes.</summary>
    public const int MinMinutes = 5;
    /// <summary>Longest slot, minutes.</summary>
    public const int MaxMinutes = 120;

    /// <summary>
    /// Null when <paramref name="slot"/> may be scheduled beside <paramref name="others"/> (the other cases' slots; a slot of
    /// the same entry is replaced, not compared), else a Chinese reason naming the clash.
    /// </summary>
    /// <param name="slot">The proposed slot.</param>
    /// <param name="reReview">Entry ids of the re-review round.</param>
    /// <param name="others">The slots in force (the same entry's own slot is ignored).</param>
    /// <param name="codes">Entry codes by id, for the messages.</param>
    public static string? Check(DefenceSlot slot, IReadOnlyCollection<int> reReview, IEnumerable<DefenceSlot> others, IReadOnlyDictionary<int, string> codes)
    {
        if (!reReview.Contains(slot.EntryId)) return "只能安排进入复审的案例答辩";
        if (string.IsNullOrWhiteSpace(slot.Reason)) return "请填写答辩理由（如：达到标杆级水平）";
        if (slot.Minutes is < MinMinutes or > MaxMinutes) return $"答辩时长须在 {MinMinutes}–{MaxMinutes} 分钟之间";
        foreach (var o in others.Where(o => o.EntryId != slot.EntryId).OrderBy(o => o.StartsAt))
            if (slot.StartsAt < o.EndsAt && o.StartsAt < slot.EndsAt)
                return $"与{codes.GetValueOrDefault(o.EntryId, o.EntryId.ToString())}的答辩时间（{o.StartsAt:MM-dd HH:mm}–{o.EndsAt:HH:mm}）重叠";
        return null;
    }

    /// <summary>
    /// The re-review's running order: the called cases by start time (then entry id), then the others in
    /// <paramref name="currentOrder"/>'s order. Returns entry ids, first on stage first.
    /// </summary>
    public static IReadOnlyList<int> RunningOrder(IReadOnlyList<int> currentOrder, IEnumerable<DefenceSlot> slots)
    {
        var called = slots.Where(s => currentOrder.Contains(s.EntryId)).OrderBy(s => s.StartsAt).ThenBy(s => s.EntryId).Select(s => s.EntryId).ToList();
        return [.. called, .. currentOrder.Where(id => !called.Contains(id))];
    }
}
