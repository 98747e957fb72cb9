namespace Judging.App.Awards;

using Judging.App.ResultsEngine;
using System.Text.Json;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>One award in the projector's reveal order.</summary>
public sealed record RevealItem(int Step, int EntryId, string Award, string Code, string Title, string Unit, string Presenter);

/// <summary>What the reveal projector shows: the awards revealed so far (lowest first) and how many remain.</summary>
public sealed record RevealView(string Title, bool Ready, int Step, int Total, IReadOnlyList<RevealItem> Revealed, string? Message);

/// <summary>
/// The organiser's award actions on a track: tier rules and boundary ties (until confirmed), confirmation, the
/// projector reveal (三等奖 first, one entry per click, the top of 一等奖 last), publication, and recommender
/// commendation. Every action is audited (in Chinese); methods return null or a refusal in the UI culture (zh-CN default,
/// English in Resources/Awards/AwardsService.en.resx).
/// </summary>
public sealed class AwardsService(JudgingDb db, TrackResultsService results, LeaderboardService boards, TimeProvider clock, IStringLocalizer<AwardsService> L, IStringLocalizer<Wordings> W)
{
    /// <summary>Sets the tier rules (before the awards are confirmed).</summary>
    public Task<string?> SetTierRulesAsync(int competitionId, Track track, TierRules rules, string actor, CancellationToken ct) =>
        results.ChangeSettingsAsync(competitionId, track, actor, "设置奖项名额", s =>
        {
            if (s.AwardsConfirmedAt is not null) return L["获奖名单已确认，不能再修改奖项名额"];
            var problems = rules.Validate();
            if (problems.Count > 0) return W.Word(Wording.Join("；", problems));
            s.TierQuotas = JsonSerializer.Serialize(rules.Quotas);
            s.TierRounding = rules.Rounding;
            s.FinalistsOnly = rules.FinalistsOnly;
            return null;
        }, DescribeTiers, ct);

    /// <summary>
    /// Settles a tie on a tier boundary (<see cref="AwardTiering.BoundaryKey"/>, e.g. <c>tier:1</c>), with the organiser's
    /// <paramref name="reason"/> recorded in the decision and the audit log when given (the page and the JSON endpoint ask for
    /// one; blank is stored as none). Refused once the awards are confirmed.
    /// </summary>
    public Task<string?> ResolveTierTieAsync(int competitionId, Track track, string key, TieResolution resolution, string actor, CancellationToken ct,
        string? reason = null) =>
        results.DecideAsync(competitionId, track, DecisionKind.TierTie, key, resolution.ToString(),
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), actor,
            resolution switch
            {
                TieResolution.IncludeAll => "奖项边界同分：并列取高",
                TieResolution.ExcludeAll => "奖项边界同分：并列取低",
                TieResolution.TieBreak => "奖项边界同分：按规则决出",
                _ => "奖项边界同分：改为待定",
            }, needsEntry: null, ct);

    /// <summary>Confirms the awards: the final is closed and no boundary tie is undecided.</summary>
    public async Task<string?> ConfirmAwardsAsync(int competitionId, Track track, string actor, CancellationToken ct, string? shown = null)
    {
        var view = await results.LoadAsync(competitionId, track, ct);
        if (view is null) return L["大赛不存在"];
        if (view.AwardsConfirmed) return L["获奖名单已确认"];
        if (view.FinalRound is null) return L["尚未确认入围名单"];
        if (view.FinalRound.Status != RoundStatus.Closed) return L["决赛尚未结束"];
        if (view.Outcome is null || view.Error is not null) return view.Error;
        if (shown is not null && shown != TrackResultsService.AwardsFingerprint(view.Outcome)) return L["评定结果已被其他人修改，请核对刷新后的结果再确认"];
        if (!view.Outcome.Tiers.CanConfirm) return L["还有奖项边界同分待决定"];
        var missing = await MissingFinalCardsAsync(view, ct);
        if (missing.Count > 0) return L["决赛评分不完整：{0}", string.Join("；", missing)];
        var seenDecision = await results.LatestDecisionIdAsync(competitionId, track, ct);
        // The packet pins the competition's verifiable tally as it stands now (issue 14, §2): its head is printed with the results.
        // … and the judge report of each stage's panel (issue 14, §1).
        var packet = AuditPacket.Create(view.Input, view.Outcome, await Tally.TallyLedger.HeadAsync(db, competitionId, ct), PanelReport.Of(view.Input));
        var summary = string.Join("；", view.Outcome.Tiers.Counts.Select(c =>
            $"{AwardNames.Of(c.Tier)}：{string.Join("、", view.Outcome.Tiers.Lines.Where(l => l.Tier == c.Tier).Select(l => l.Candidate.Code))}"));
        return await results.ChangeSettingsAsync(competitionId, track, actor, "确认获奖名单", async s =>
        {
            if (s.AwardsConfirmedAt is not null) return L["获奖名单已确认"];
            if (s.Version != view.Settings.Version || await results.LatestDecisionIdAsync(competitionId, track, ct) != seenDecision)
                return L["奖项名额或同分决定已被其他人修改，请核对刷新后的结果再确认"];
            s.AwardsConfirmedAt = clock.GetUtcNow();
            s.AwardsConfirmedBy = actor;
            s.AwardsPacket = packet.ToJson();
            s.AwardsSha256 = packet.Sha256;
            return null;
        }, s => s.AwardsConfirmedAt is null ? "未确认" : $"{summary}；SHA-256 {s.AwardsSha256}", ct);
    }

    /// <summary>Finalists with fewer final cards than judges expected, as "YJ-004 7/8" (the final panel minus conflicts).</summary>
    private async Task<List<string>> MissingFinalCardsAsync(TrackResultsView view, CancellationToken ct)
    {
        var board = await boards.GetForStaffAsync(view.FinalRound!.Id, ct);
        return board?.Rows.Where(r => r.JudgesSubmitted < r.JudgesExpected).Select(r => $"{r.Code} {r.JudgesSubmitted}/{r.JudgesExpected}").ToList() ?? [];
    }

    /// <summary>
    /// Moves the reveal: +1 (next award), −1 (back one), or 0 (reset). Only after the awards are confirmed.
    /// <paramref name="seenStep"/> is the step the organiser's page showed: a second click on a stale page is refused,
    /// so a double click never reveals two awards.
    /// </summary>
    public async Task<string?> MoveRevealAsync(int competitionId, Track track, int delta, string actor, CancellationToken ct, int? seenStep = null)
    {
        var view = await results.LoadAsync(competitionId, track, ct);
        if (view is null) return L["大赛不存在"];
        var total = RevealOrder(view).Count;
        return await results.ChangeSettingsAsync(competitionId, track, actor, delta > 0 ? "揭晓下一个奖项" : delta < 0 ? "撤回上一个揭晓" : "重新开始揭晓", s =>
        {
            if (s.AwardsConfirmedAt is null) return L["请先确认获奖名单"];
            if (seenStep is { } seen && seen != s.RevealStep) return L["大屏已在第 {0} 个，请勿重复点击", s.RevealStep];
            var next = delta == 0 ? 0 : s.RevealStep + delta;
            if (next < 0 || next > total) return next > total ? L["所有奖项已揭晓"] : L["尚未揭晓任何奖项"];
            s.RevealStep = next;
            return null;
        }, s => $"已揭晓 {s.RevealStep}/{total}", ct);
    }

    /// <summary>
    /// Publishes the track's results on the public page, or withdraws them. Only after confirmation; while the reveal
    /// has not finished, only with <paramref name="early"/> (the page asks once more).
    /// </summary>
    public async Task<string?> SetPublishedAsync(int competitionId, Track track, bool published, string actor, CancellationToken ct, bool early = false)
    {
        var view = await results.LoadAsync(competitionId, track, ct);
        if (view is null) return L["大赛不存在"];
        var total = RevealOrder(view).Count;
        return await results.ChangeSettingsAsync(competitionId, track, actor, published ? (early ? "提前发布结果（揭晓未完成）" : "发布结果") : "撤回发布", s =>
        {
            if (published && s.AwardsConfirmedAt is null) return L["请先确认获奖名单"];
            if (published && s.RevealStep < total && !early) return L["颁奖揭晓尚未完成（{0}/{1}），发布后所有奖项立即公开", s.RevealStep, total];
            s.PublishedAt = published ? clock.GetUtcNow() : null;
            s.PublishedBy = published ? actor : null;
            return null;
        }, s => s.PublishedAt is null ? "未发布" : $"已发布 {s.PublishedAt:yyyy-MM-dd HH:mm}", ct);
    }

    /// <summary>Withdraws the confirmation of the awards (before publication), with a reason: tiers can be changed again.</summary>
    public Task<string?> UndoAwardsAsync(int competitionId, Track track, string? reason, string actor, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reason) ? Task.FromResult<string?>(L["撤销确认须填写理由"])
        : results.ChangeSettingsAsync(competitionId, track, actor, $"撤销确认获奖名单：{reason!.Trim()}", s =>
        {
            if (s.AwardsConfirmedAt is null) return L["获奖名单尚未确认"];
            if (s.PublishedAt is not null) return L["结果已发布，请先撤回发布"];
            s.AwardsConfirmedAt = null;
            s.AwardsConfirmedBy = null;
            s.AwardsPacket = null;
            s.AwardsSha256 = null;
            s.RevealStep = 0;
            return null;
        }, s => s.AwardsConfirmedAt is null ? "未确认" : $"已确认 SHA-256 {s.AwardsSha256}", ct);

    /// <summary>
    /// Confirms or declines the commendation of a recommender (表扬组织推荐单位). A note is optional when the decision follows
    /// the proposal (<see cref="RecommenderCommendation"/>) and required when it goes against it (<paramref name="againstProposal"/>).
    /// </summary>
    public async Task<string?> SetCommendationAsync(int competitionId, int recommenderId, bool commend, string? reason, string actor, CancellationToken ct,
        bool againstProposal = false)
    {
        // Following the proposal needs no words; going against it does (nothing decided silently).
        if (againstProposal && string.IsNullOrWhiteSpace(reason)) return commend ? L["该单位未达到建议表扬条件，表扬须填写理由"] : L["该单位符合建议表扬条件，不予表扬须填写理由"];
        var rec = await db.Recommenders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommenderId && r.CompetitionId == competitionId, ct);
        if (rec is null) return L["推荐单位不存在"];
        return await results.DecideAsync(competitionId, Track.Speech, DecisionKind.Commendation, recommenderId.ToString(), commend ? "Yes" : "No",
            reason?.Trim(), actor, commend ? $"表扬推荐单位：{rec.Name}" : $"取消表扬推荐单位：{rec.Name}", needsEntry: null, ct);
    }

    /// <summary>The awards in reveal order: 三等奖 first, then 二等奖, then 一等奖; within a tier from the lowest place up.</summary>
    public static IReadOnlyList<RevealItem> RevealOrder(TrackResultsView view)
    {
        if (view.Outcome is null) return [];
        var lines = view.Outcome.Tiers.Lines.Select((l, i) => (l, i)).Where(x => x.l.Tier is not null)
            .OrderByDescending(x => (int)x.l.Tier!.Value).ThenByDescending(x => x.i).ToList();
        return lines.Select((x, step) =>
        {
            var e = view.Entries[x.l.Candidate.EntryId];
            return new RevealItem(step + 1, e.EntryId, AwardNames.Of(x.l.Tier!.Value), e.Code, e.Title, e.Unit, e.Presenter);
        }).ToList();
    }

    /// <summary>The projector's reveal state.</summary>
    public static RevealView Reveal(TrackResultsView view)
    {
        var title = $"{view.Competition.Name} · {ChineseNames.Of(view.Track)}颁奖";
        if (!view.AwardsConfirmed) return new RevealView(title, false, 0, 0, [], "获奖名单确认后开始揭晓");
        var order = RevealOrder(view);
        var step = Math.Min(view.Settings.RevealStep, order.Count);
        return new RevealView(title, true, step, order.Count, order.Take(step).ToList(), step == 0 ? "即将揭晓" : null);
    }

    private static string DescribeTiers(TrackSettings s)
    {
        var rules = s.TierRules();
        var quotas = string.Join("，", rules.Quotas.Select(q => q.Kind == QuotaKind.Count ? $"{AwardNames.Of(q.Tier)} {q.Value:0} 名" : $"{AwardNames.Of(q.Tier)} {q.Value:0.##}%"));
        var rounding = rules.Rounding switch { QuotaRounding.Down => "向下取整", QuotaRounding.Up => "向上取整", _ => "四舍五入" };
        return $"{quotas}（{rounding}）{(rules.FinalistsOnly ? "，仅限决赛选手" : "")}";
    }
}
