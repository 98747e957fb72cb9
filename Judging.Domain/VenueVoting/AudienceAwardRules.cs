namespace Judging.Domain.VenueVoting;

using Judging.Domain.Competitions;

/// <summary>Where an audience award stands.</summary>
/// <param name="EntryId">The winner, or null while undecided.</param>
/// <param name="Source">How it is decided (zh-CN as text): "现场观众投票 128 票", "现场观众投票 52 票（并列第一，组织者决定）", "评委推选", "未设置评选方式".</param>
/// <param name="Decided">True only when <paramref name="EntryId"/> is final.</param>
/// <param name="Note">The reason given (data), the total of votes, or what is still missing, or null.</param>
public sealed record AudienceAwardStanding(int? EntryId, Wording Source, bool Decided, Wording? Note);

/// <summary>
/// The rules of an audience award (seed 000, 附件1 (八)): by the organiser's configuration it is decided by
/// the live audience vote (most votes wins; a tie for the most is decided by the organiser with a reason)
/// or designated by the judges (the organiser records the pick with a reason). The latest
/// <see cref="AudienceAwardDecision"/> of an award is in force. Nothing is decided while the vote is open,
/// while a tie is undecided, or before a designation.
/// </summary>
public static class AudienceAwardRules
{
    /// <summary>Where the award stands.</summary>
    /// <param name="latest">The award's latest decision row, or null when the organiser has not chosen a mode.</param>
    /// <param name="question">The award's live vote, or null when none was created.</param>
    /// <param name="tally">The counted votes of <paramref name="question"/>, or null without a question.</param>
    /// <param name="publicVotes">Films: the accepted public votes per entry and whether they are frozen (finalists confirmed); null otherwise.</param>
    public static AudienceAwardStanding Resolve(AudienceAwardDecision? latest, AudienceQuestion? question, TallyResult? tally, PublicVoteCount? publicVotes = null)
    {
        if (latest is null) return new(null, Wording.Of("未设置评选方式"), false, Wording.Of("请选择评选方式"));
        if (latest.Mode == AwardMode.PublicVote) return ResolvePublic(latest, publicVotes);
        if (latest.Mode == AwardMode.Designated)
        {
            return latest.Kind == AwardDecisionKind.Designated && latest.EntryId is { } pick
                ? new(pick, Wording.Of(AudienceNames.Of(AwardMode.Designated)), true, Data(latest.Reason))
                : new(null, Wording.Of(AudienceNames.Of(AwardMode.Designated)), false, Wording.Of("尚未推选获奖作品"));
        }

        var live = Wording.Of(AudienceNames.Of(AwardMode.LiveVote));
        if (question is null || tally is null) return new(null, live, false, Wording.Of("尚未创建投票"));
        switch (question.Status)
        {
            case QuestionStatus.NotOpened:
                return new(null, live, false, Wording.Of("投票尚未开始"));
            case QuestionStatus.Open:
                return new(null, live, false, Wording.Of("投票进行中，已收到 {0} 票", tally.TotalVotes));
        }
        switch (tally.Verdict)
        {
            case TallyVerdict.NoVotes:
                return new(null, Wording.Of("{0} 0 票", live), false, Wording.Of("无人投票，请改为评委推选"));
            case TallyVerdict.Winner:
                return new(tally.Winner, Wording.Of("{0} {1} 票", live, tally.TopVotes), true, Wording.Of("有效票共 {0} 票", tally.TotalVotes));
        }
        if (latest.Kind == AwardDecisionKind.TieBroken && latest.QuestionId == question.Id && latest.EntryId is { } chosen && tally.Leaders.Contains(chosen))
            return new(chosen, Wording.Of("{0} {1} 票（并列第一，组织者决定）", live, tally.TopVotes), true, Data(latest.Reason));
        return new(null, Wording.Of("{0} {1} 票（并列第一）", live, tally.TopVotes), false,
            Wording.Of("{0} 个作品并列第一，各 {1} 票，请组织者决定", tally.Leaders.Count, tally.TopVotes));
    }

    /// <summary>
    /// 网络投票: the most accepted votes wins, once the counts are frozen at the films' finalist confirmation; before that the
    /// leader is shown, undecided. No votes: undecided (designate instead). A tie for the most: the organiser's pick among the
    /// leaders (a <see cref="AwardDecisionKind.TieBroken"/> row in public-vote mode), with a reason.
    /// </summary>
    private static AudienceAwardStanding ResolvePublic(AudienceAwardDecision latest, PublicVoteCount? votes)
    {
        var name = Wording.Of(AudienceNames.Of(AwardMode.PublicVote));
        if (votes is null) return new(null, name, false, Wording.Of("本赛道没有网络投票"));
        var top = votes.Votes.Count == 0 ? 0 : votes.Votes.Values.Max();
        var leaders = votes.Leaders;
        if (!votes.Frozen)
            return new(null, name, false, top == 0 ? Wording.Of("网络投票尚无有效票；入围名单确认时票数锁定") : Wording.Of("网络投票进行中，当前最高 {0} 票；入围名单确认时票数锁定", top));
        if (top == 0) return new(null, Wording.Of("{0} 0 票", name), false, Wording.Of("无有效票，请改为评委推选"));
        if (leaders.Count == 1) return new(leaders[0], Wording.Of("{0} {1} 票", name, top), true, Wording.Of("有效票共 {0} 票", votes.Votes.Values.Sum()));
        if (latest.Kind == AwardDecisionKind.TieBroken && latest.EntryId is { } chosen && leaders.Contains(chosen))
            return new(chosen, Wording.Of("{0} {1} 票（并列第一，组织者决定）", name, top), true, Data(latest.Reason));
        return new(null, Wording.Of("{0} {1} 票（并列第一）", name, top), false, Wording.Of("{0} 个作品并列第一，各 {1} 票，请组织者决定", leaders.Count, top));
    }

    /// <summary>The reason a person wrote, shown as it is; null when none.</summary>
    private static Wording? Data(string? reason) => reason is null ? null : Wording.Data(reason);

    /// <summary>May the organiser name <paramref name="entryId"/> the winner of a public vote tied for the most? Frozen counts, one of the leaders, a reason.</summary>
    public static Wording? CheckPublicTieBreak(AwardMode? mode, PublicVoteCount? votes, int entryId, string? reason)
    {
        if (mode != AwardMode.PublicVote) return Wording.Of("本奖项不是网络投票");
        if (votes is null || !votes.Frozen) return Wording.Of("入围名单确认（票数锁定）后才能决定");
        if (votes.Leaders.Count < 2) return Wording.Of("票数没有并列第一，无需决定");
        if (!votes.Leaders.Contains(entryId)) return Wording.Of("只能在并列第一的作品中选择");
        if (string.IsNullOrWhiteSpace(reason)) return Wording.Of("请填写决定理由");
        return null;
    }

    /// <summary>May the organiser switch the award to <paramref name="to"/>? Not while its live vote is open. The refusal (zh-CN as text) or null.</summary>
    public static Wording? CheckModeChange(AwardMode? current, AwardMode to, QuestionStatus? questionStatus)
    {
        if (current == to) return Wording.Of("已是{0}", Wording.Of(AudienceNames.Of(to)));
        if (questionStatus == QuestionStatus.Open) return Wording.Of("投票进行中，请先结束投票再更改评选方式");
        return null;
    }

    /// <summary>
    /// May the organiser name <paramref name="entryId"/> the winner of a tied live vote? Only in live-vote mode,
    /// once the vote is closed, when the counts are tied for the most, for one of the tied entries, with a reason.
    /// </summary>
    public static Wording? CheckTieBreak(AwardMode? mode, QuestionStatus status, TallyResult tally, int entryId, string? reason)
    {
        if (mode != AwardMode.LiveVote) return Wording.Of("本奖项不是现场观众投票");
        if (status != QuestionStatus.Closed) return Wording.Of("请先结束投票");
        if (tally.Verdict != TallyVerdict.Tie) return Wording.Of("票数没有并列第一，无需决定");
        if (!tally.Leaders.Contains(entryId)) return Wording.Of("只能在并列第一的作品中选择");
        if (string.IsNullOrWhiteSpace(reason)) return Wording.Of("请填写决定理由");
        return null;
    }

    /// <summary>May the organiser record <paramref name="entryId"/> as the judges' pick? Only in designated mode, for a finalist, with a reason.</summary>
    public static Wording? CheckDesignation(AwardMode? mode, IReadOnlyCollection<int> finalists, int? entryId, string? reason)
    {
        if (mode != AwardMode.Designated) return Wording.Of("本奖项不是评委推选");
        if (entryId is not { } id) return Wording.Of("请选择获奖作品");
        if (!finalists.Contains(id)) return Wording.Of("只能推选入围决赛的作品");
        if (string.IsNullOrWhiteSpace(reason)) return Wording.Of("请填写推选理由");
        return null;
    }
}

/// <summary>The accepted public votes of a film track (issue 4), for <see cref="AwardMode.PublicVote"/>.</summary>
/// <param name="Votes">Accepted votes per film entry id (a film without votes may be missing).</param>
/// <param name="Frozen">True once the counts are frozen (the films' finalists confirmed): only then is the award decided.</param>
public sealed record PublicVoteCount(IReadOnlyDictionary<int, long> Votes, bool Frozen)
{
    /// <summary>The entries with the most votes (entry id order); empty when nobody voted.</summary>
    public IReadOnlyList<int> Leaders
    {
        get
        {
            var top = Votes.Count == 0 ? 0 : Votes.Values.Max();
            return top == 0 ? [] : Votes.Where(kv => kv.Value == top).Select(kv => kv.Key).Order().ToList();
        }
    }
}
