namespace Judging.Tests.Domain.Defence;

using Judging.Domain.Defence;

/// <summary>The defence schedule of the cases' re-review (seed 000, 四、(二); issue 5).</summary>
public sealed class DefenceScheduleTests
{
    private static readonly int[] ReReview = [11, 12, 13, 14];
    private static readonly Dictionary<int, string> Codes = new() { [11] = "AL-011", [12] = "AL-012", [13] = "AL-013", [14] = "AL-014" };
    private static DateTime At(int hour, int minute = 0) => new(2025, 7, 15, hour, minute, 0);

    [Fact]
    public void A_slot_for_a_re_review_case_with_a_reason_and_a_free_time_is_accepted()
    {
        var others = new[] { new DefenceSlot(11, At(9), 20, "标杆级") };
        Assert.Null(DefenceSchedule.Check(new DefenceSlot(12, At(9, 20), 20, "标杆级"), ReReview, others, Codes)); // back to back
    }

    [Fact]
    public void Overlapping_slots_are_refused_naming_the_other_case()
    {
        var others = new[] { new DefenceSlot(11, At(9), 20, "标杆级") };
        Assert.Equal("与AL-011的答辩时间（07-15 09:00–09:20）重叠", DefenceSchedule.Check(new DefenceSlot(12, At(9, 19), 20, "标杆级"), ReReview, others, Codes));
        Assert.NotNull(DefenceSchedule.Check(new DefenceSlot(12, At(8, 50), 15, "标杆级"), ReReview, others, Codes));
        // Moving a case's own slot is not a clash with itself.
        Assert.Null(DefenceSchedule.Check(new DefenceSlot(11, At(9, 10), 20, "标杆级"), ReReview, others, Codes));
    }

    [Fact]
    public void Only_re_review_cases_with_a_reason_and_a_sensible_length()
    {
        Assert.Equal("只能安排进入复审的案例答辩", DefenceSchedule.Check(new DefenceSlot(99, At(9), 20, "标杆级"), ReReview, [], Codes));
        Assert.StartsWith("请填写答辩理由", DefenceSchedule.Check(new DefenceSlot(11, At(9), 20, " "), ReReview, [], Codes));
        Assert.NotNull(DefenceSchedule.Check(new DefenceSlot(11, At(9), 4, "标杆级"), ReReview, [], Codes));
        Assert.NotNull(DefenceSchedule.Check(new DefenceSlot(11, At(9), 121, "标杆级"), ReReview, [], Codes));
        Assert.Null(DefenceSchedule.Check(new DefenceSlot(11, At(9), 120, "标杆级"), ReReview, [], Codes));
    }

    [Fact]
    public void The_running_order_puts_the_defences_first_by_time_then_the_rest_in_order()
    {
        var slots = new[] { new DefenceSlot(14, At(10), 20, "标杆级"), new DefenceSlot(12, At(9), 20, "标杆级") };
        Assert.Equal([12, 14, 11, 13], DefenceSchedule.RunningOrder([11, 12, 13, 14], slots));
        Assert.Equal([11, 12, 13, 14], DefenceSchedule.RunningOrder([11, 12, 13, 14], []));
    }
}
