namespace Judging.Tests.Domain.Scoring;

using Judging.Domain.Competitions;
using Judging.Domain.Scoring;

public sealed class ConflictRuleTests
{
    private static Unit U(int id, int? group) => new() { Id = id, Name = $"单位{id}", GroupId = group, Nature = "国有" };
    private static Judge J(int? conflictUnit) => new() { Code = "PW", Name = "评委", Affiliation = "", AccessCode = "X", ConflictUnitId = conflictUnit };

    [Fact]
    public void A_judge_never_scores_their_own_unit()
    {
        Assert.True(ConflictRule.IsConflicted(J(1), U(1, null), U(1, null)));
    }

    [Fact]
    public void A_judge_never_scores_another_unit_of_their_group()
    {
        Assert.True(ConflictRule.IsConflicted(J(1), U(1, 7), U(2, 7)));
    }

    [Fact]
    public void Other_units_and_other_groups_are_scored()
    {
        Assert.False(ConflictRule.IsConflicted(J(1), U(1, 7), U(2, 8)));
        Assert.False(ConflictRule.IsConflicted(J(1), U(1, null), U(2, null)));
        Assert.False(ConflictRule.IsConflicted(J(1), U(1, 7), U(2, null)));
    }

    [Fact]
    public void A_judge_without_a_conflict_unit_scores_everyone()
    {
        Assert.False(ConflictRule.IsConflicted(J(null), null, U(2, 7)));
    }

    [Fact]
    public void The_rule_by_name_matches_the_rule_by_id()
    {
        Assert.True(ConflictRule.IsConflicted("甲公司", null, "甲公司", null));
        Assert.True(ConflictRule.IsConflicted("甲公司", "某集团", "乙公司", "某集团"));
        Assert.False(ConflictRule.IsConflicted("甲公司", "某集团", "乙公司", "另一集团"));
        Assert.False(ConflictRule.IsConflicted("甲公司", null, "乙公司", null));
        Assert.False(ConflictRule.IsConflicted("甲公司", "某集团", "乙公司", null));
        Assert.False(ConflictRule.IsConflicted(null, null, "乙公司", "某集团"));
    }
}
