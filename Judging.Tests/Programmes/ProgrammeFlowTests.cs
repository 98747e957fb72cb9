namespace Judging.Tests.Programmes;

using Judging.App.Awards;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Review;
using Judging.App.Programmes.Stages;
using Judging.App.ResultsEngine;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Domain.Programmes;
using Judging.Domain.Reviews;
using Judging.Tests.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Each seeded programme from intake to certificates (issue 16, "Done when": "A flow test per programme from intake to
/// certificates on the seeds"), through the stages its notice names (ProgrammeStagePlan): the seeded applications (intake,
/// issue 13) pass 形式审查; where the notice has an expert review, an edition is reviewed online, heard live and its tiers
/// adopted as proposed levels; site visits and credit checks where needed; a 公示 over working days where the notice has one;
/// 审定; certificates numbered in the register, one A4 page each; the public results and awards.json.
/// </summary>
public sealed class ProgrammeFlowTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    private const string Organiser = "组织者 俞琳";

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private Task<T> Svc<TService, T>(Func<TService, Task<T>> f) where TService : notnull => With(sp => f(sp.GetRequiredService<TService>()));

    private void At(int y, int m, int d, int hour = 10) => app.Clock.Set(new DateTimeOffset(y, m, d, hour, 0, 0, ShanghaiTime.Offset));

    /// <summary>Intake done (the seeds), 形式审查 passes <paramref name="references"/>; their ids by reference.</summary>
    private async Task<Dictionary<string, int>> AcceptAsync(string code, params string[] references)
    {
        var ids = await app.WithDbAsync(db => (from a in db.Set<ProgrammeApplication>()
                                               join p in db.Set<Programme>() on a.ProgrammeId equals p.Id
                                               where p.Code == code && references.Contains(a.Reference)
                                               select new { a.Reference, a.Id, a.Status }).ToListAsync());
        Assert.Equal(references.Length, ids.Count);
        Assert.All(ids, a => Assert.Equal(ProgrammeApplicationStatus.Submitted, a.Status));
        foreach (var a in ids)
        {
            var done = await Svc<ProgrammeFormalReview, ProgrammeChange>(s => s.AcceptAsync(a.Id, new HashSet<string> { ProgrammeFormalReview.ContentKey },
                "纸质材料已现场核对", Organiser, default));
            Assert.Equal(200, done.Status);
        }
        return ids.ToDictionary(a => a.Reference, a => a.Id);
    }

    private async Task<IReadOnlyDictionary<string, ApplicationStanding>> StandingsAsync(string code)
    {
        var id = await app.WithDbAsync(db => db.Set<Programme>().Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
        return (await Svc<ProgrammeStandings, IReadOnlyList<ApplicationStanding>>(s => s.LoadAsync(id, default))).ToDictionary(s => s.Reference);
    }

    /// <summary>
    /// The expert review of <paramref name="code"/> (optionally one category) on the competition machinery: an edition, six
    /// experts without a conflict, 3 experts a case online (the earlier the reference, the higher), the best
    /// <paramref name="finalists"/> heard live in the 复评, the awards confirmed and adopted as proposed levels.
    /// </summary>
    private async Task ReviewAsync(string code, string? category, int finalists)
    {
        var opened = await Svc<ProgrammeReviewService, ProgrammeReviewChange>(s => s.OpenAsync(code, category, Organiser, default));
        Assert.True(opened.Ok, string.Join("\n", opened.Problems));
        var cid = await app.WithDbAsync(db => db.Set<ProgrammeReviewEdition>().Where(e => e.Id == opened.Id).Select(e => e.CompetitionId).SingleAsync());
        var experts = "姓名,工作单位\n冯复,复旦大学\n王交,上海交通大学\n陈华,华东理工大学\n何大,上海大学\n周同,同济大学\n钱师,华东师范大学\n";
        var imported = await Svc<ProgrammeReviewService, ProgrammeReviewChange>(s => s.ImportExpertsAsync(opened.Id, experts, Organiser, default));
        Assert.True(imported.Ok, string.Join("\n", imported.Problems));
        var round = await app.WithDbAsync(db => db.Rounds.SingleAsync(r => r.CompetitionId == cid));
        var sheets = await app.WithDbAsync(db => db.ScoreSheets.Include(s => s.Criteria).Where(s => s.CompetitionId == cid).ToListAsync());
        decimal?[] Points(RoundKind kind, int rank) => sheets.Single(s => s.RoundKind == kind).Criteria.OrderBy(c => c.Order)
            .Select(c => (decimal?)(Math.Floor(c.MaxPoints * (0.95m - 0.04m * rank) * 2) / 2)).ToArray();
        var entries = await app.WithDbAsync(db => db.Entries.Where(e => e.CompetitionId == cid).OrderBy(e => e.Code).Select(e => e.Id).ToListAsync());
        var rank = entries.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

        var (plan, error) = await Svc<ReviewService, (AssignmentPlan?, string?)>(s => s.GenerateAsync(round.Id, 3, Organiser, default));
        Assert.Null(error);
        Assert.Null(await Svc<ReviewService, string?>(s => s.SetRunningAsync(round.Id, true, Organiser, default)));
        foreach (var pair in plan!.All)
        {
            var stored = await Svc<ReviewService, SubmitResult>(s => s.SubmitAsync(pair.JudgeId, round.Id, pair.EntryId, Points(RoundKind.FirstReview, rank[pair.EntryId]),
                Enumerable.Repeat("", sheets.Single(x => x.RoundKind == RoundKind.FirstReview).Criteria.Count).ToArray(), default));
            Assert.Equal(SubmitStatus.Stored, stored.Status);
        }
        Assert.Null(await Svc<ReviewService, string?>(s => s.SetRunningAsync(round.Id, false, Organiser, default)));

        Assert.Null(await Svc<TrackResultsService, string?>(s => s.SetFinalistRulesAsync(cid, Track.InnovationCase,
            new FinalistRules { Overall = finalists, UnitCap = 1, GroupCap = 2, Normalisation = NormalisationMode.None }, Organiser, default)));
        Assert.Null(await Svc<TrackResultsService, string?>(s => s.ConfirmFinalistsAsync(cid, Track.InnovationCase, Organiser, default)));
        var reReview = (await Svc<TrackResultsService, TrackResultsView?>(s => s.LoadAsync(cid, Track.InnovationCase, default)))!.FinalRound!;
        var judges = await app.WithDbAsync(db => db.Judges.Where(j => j.CompetitionId == cid).Select(j => j.Id).ToListAsync());
        var order = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == reReview.Id).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());
        foreach (var entryId in order)
        {
            await With(async sp =>
            {
                var console = sp.GetRequiredService<RoundConsole>();
                var r = await sp.GetRequiredService<JudgingDb>().Rounds.AsNoTracking().SingleAsync(x => x.Id == reReview.Id);
                if (r.Status == RoundStatus.NotStarted) Assert.Null(await console.StartAsync(reReview.Id, Organiser, default));
                Assert.Null(await console.SetOnStageAsync(reReview.Id, entryId, Organiser, default));
                Assert.Null(await console.SetScoringOpenAsync(reReview.Id, true, Organiser, default));
                return 0;
            });
            foreach (var judge in judges)
            {
                var r = await Svc<ScoringService, SubmitResult>(s => s.SubmitAsync(judge, new ScoreSubmission(reReview.Id, entryId, Points(RoundKind.ReReview, rank[entryId]), $"flow-{entryId}-{judge}"), default));
                Assert.Equal(SubmitStatus.Stored, r.Status);
            }
        }
        Assert.Null(await Svc<RoundConsole, string?>(s => s.CloseAsync(reReview.Id, Organiser, default)));
        Assert.Null(await Svc<AwardsService, string?>(s => s.ConfirmAwardsAsync(cid, Track.InnovationCase, Organiser, default)));
        var adopted = await Svc<ProgrammeReviewService, ProgrammeReviewChange>(s => s.AdoptResultsAsync(code, Organiser, default));
        Assert.True(adopted.Ok, string.Join("\n", adopted.Problems));
    }

    private static readonly IReadOnlyList<SiteVisitMember> Team = [new("赵验", "上海市质量协会"), new("孙查", "上海市计量测试技术研究院")];

    private Task<VerificationChange> VisitAsync(int applicationId, SiteVisitConclusion conclusion) => With(async sp =>
    {
        var v = sp.GetRequiredService<ProgrammeVerification>();
        var planned = await v.PlanVisitAsync(applicationId, new SiteVisitPlan("核实申报材料所述管理成效", Team, DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).Date), "申报单位生产现场"), Organiser, default);
        Assert.Equal(200, planned.Status);
        Assert.Equal(200, (await v.AddFindingAsync(applicationId, "质量管理体系运行", "体系文件与现场运行一致", Organiser, default)).Status);
        return await v.ConcludeAsync(applicationId, conclusion, "现场验证组意见", Organiser, default);
    });

    private Task<VerificationChange> CreditAsync(int applicationId, CreditCheckResult result, string? finding = null) =>
        Svc<ProgrammeVerification, VerificationChange>(v => v.RecordCreditAsync(applicationId,
            new CreditCheckForm("钱信", DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).Date), [ProgrammeVerification.CreditSources[0]], null, result, finding), Organiser, default));

    /// <summary>The certificates: issued to the approved, consecutive numbers, one A4 page each in the PDF; the public results.</summary>
    private async Task CertificatesAsync(string code, string[] approved)
    {
        var issued = await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.IssueAsync(code, Organiser, default));
        Assert.Equal(200, issued.Status);
        Assert.Equal(approved.Length, issued.Recorded);
        var register = (await Svc<ProgrammeApprovals, (ProgrammeDefinition, IReadOnlyList<CertificateRow>)?>(s => s.RegisterAsync(code, default)))!.Value.Item2;
        Assert.Equal(approved.Order(StringComparer.Ordinal), register.Select(r => r.Reference).Order(StringComparer.Ordinal));
        Assert.Equal(register.Count, register.Select(r => r.Number).Distinct().Count());
        Assert.All(register.Select((r, i) => (r, i)), x => Assert.EndsWith((x.i + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture), register.OrderBy(r => r.Number, StringComparer.Ordinal).ElementAt(x.i).Number));

        // The sign-in cookie expires by the app's clock and the client drops an expired one by the real clock: sign in now.
        app.Clock.Set(DateTimeOffset.UtcNow);
        using var client = app.CreateClient();
        var organiser = await Judging.Tests.Support.ResultsData.OrganiserClientAsync(app);
        var pdf = await organiser.GetAsync($"/api/programmes/{code}/certificates.pdf");
        Assert.Equal(System.Net.HttpStatusCode.OK, pdf.StatusCode);
        using (var doc = PdfSharp.Pdf.IO.PdfReader.Open(await pdf.Content.ReadAsStreamAsync(), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            Assert.Equal(approved.Length, doc.PageCount);
            Assert.All(Enumerable.Range(0, doc.PageCount), i => Assert.Equal(595, (int)Math.Round(doc.Pages[i].Width.Point)));
        }
        var page = await client.GetStringAsync($"/programmes/{code}/results");
        var json = await client.GetStringAsync($"/api/programmes/{code}/awards.json");
        var standings = await StandingsAsync(code);
        foreach (var r in approved)
        {
            Assert.Contains(standings[r].Applicant, page);
            Assert.Contains(register.Single(c => c.Reference == r).Number, json);
        }
    }

    [Fact]
    public async Task Quality_benchmark_001_credit_checks_and_visits_where_needed_then_selection_and_certificates()
    {
        const string code = "quality-benchmark-2021";
        At(2021, 12, 1);
        var ids = await AcceptAsync(code, "B01", "B07", "B11", "B13");
        // No scored review in 001's notice: the organiser proposes the list (遴选) with reasons.
        foreach (var r in ids.Keys)
            Assert.Equal(200, (await Svc<ProgrammeNotices, ProgrammeChange>(s => s.SetLevelAsync(ids[r], "质量标杆", "遴选工作组推荐", Organiser, default))).Status);
        // 信用查询（必要时）: B07 fails; 现场考察（必要时）: B11 not true, B13 true.
        Assert.Equal(200, (await CreditAsync(ids["B01"], CreditCheckResult.Passed)).Status);
        Assert.Equal(200, (await CreditAsync(ids["B07"], CreditCheckResult.Failed, "2021年受到市场监管部门行政处罚")).Status);
        Assert.Equal(200, (await VisitAsync(ids["B11"], SiteVisitConclusion.Untrue)).Status);
        Assert.Equal(200, (await VisitAsync(ids["B13"], SiteVisitConclusion.True)).Status);
        var standings = await StandingsAsync(code);
        Assert.Equal([true, false, false, true], new[] { "B01", "B07", "B11", "B13" }.Select(r => standings[r].Listable));

        // 遴选 (审定): no 公示 in this notice, so the decision does not wait for one; the blocked ones are skipped with reasons.
        At(2021, 12, 20);
        var approved = await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.ApproveAllListedAsync(code, new DateOnly(2021, 12, 18), "沪经信技遴选〔2021〕1号", null, Organiser, default));
        Assert.Equal(200, approved.Status);
        Assert.Equal(2, approved.Recorded);
        var refused = await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.DecideAsync(code, [ids["B07"]], new DecisionForm(true, new DateOnly(2021, 12, 18), "沪经信技遴选〔2021〕1号", null), Organiser, default));
        Assert.Equal(400, refused.Status);
        Assert.Contains(refused.Problems, p => p.ToString().Contains("信用查询未通过"));
        await CertificatesAsync(code, ["B01", "B13"]);
    }

    [Fact]
    public async Task Technology_award_2022_written_review_defence_and_visit_then_decision_without_a_notice_and_certificates()
    {
        const string code = "technology-award-2022";
        At(2022, 7, 15);
        var ids = await AcceptAsync(code, "T01", "T02", "T04", "T10", "T11", "T12");
        // 书面评价 online, 会审答辩 live, tiers adopted as 一等奖 / 二等奖 / 优秀奖 of 综合类.
        await ReviewAsync(code, "comprehensive", 4);
        var standings = await StandingsAsync(code);
        var proposed = standings.Values.Where(s => s.ProposedLevel is not null).Select(s => s.Reference).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(proposed);
        Assert.All(proposed, r => Assert.Contains(standings[r].ProposedLevel, new[] { "一等奖", "二等奖", "优秀奖" }));
        // 现场验证（必要时）for the first: 基本属实 lets it go on.
        Assert.Equal(200, (await VisitAsync(ids[proposed[0]], SiteVisitConclusion.MostlyTrue)).Status);
        At(2022, 9, 5);
        var approved = await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.ApproveAllListedAsync(code, new DateOnly(2022, 9, 1), "沪质协〔2022〕审定1号", null, Organiser, default));
        Assert.Equal(200, approved.Status);
        Assert.Equal(proposed.Count, approved.Recorded);
        await CertificatesAsync(code, [.. proposed]);
    }

    /// <summary>The 公示 of <paramref name="code"/> from Monday 2025-09-29 for 5 working days: across 国庆 it ends Saturday 10/11.</summary>
    private async Task<IReadOnlyList<string>> PublishNoticeAsync(string code)
    {
        At(2025, 9, 28);
        var saved = await Svc<ProgrammeNotices, ProgrammeChange>(n => n.SaveAsync(code, new NoticeDraft(null, new DateOnly(2025, 9, 29), null,
            "以书面形式实名提出，附联系方式和证明材料。", "评审办公室 021-12345678"), 0, Organiser, default));
        Assert.Equal(200, saved.Status);
        var board = (await Svc<ProgrammeNotices, NoticeBoard?>(n => n.BoardAsync(code, default)))!;
        Assert.Equal(new DateOnly(2025, 10, 11), board.Notice!.EndDay);
        Assert.Equal(200, (await Svc<ProgrammeNotices, ProgrammeChange>(n => n.PublishAsync(code, board.Notice.Version, Organiser, default))).Status);
        var published = (await Svc<ProgrammeNotices, PublicNotice?>(n => n.PublicAsync(code, default)))!;
        return published.List.Select(l => l.Reference).ToList();
    }

    private async Task CloseNoticeAsync(string code)
    {
        At(2025, 10, 13);
        var board = (await Svc<ProgrammeNotices, NoticeBoard?>(n => n.BoardAsync(code, default)))!;
        var closed = await Svc<ProgrammeNotices, ProgrammeChange>(n => n.CloseAsync(code, board.Notice!.Version, Organiser, default));
        Assert.True(closed.Status == 200, closed.Reason?.ToString());
    }

    [Fact]
    public async Task Government_quality_award_002_review_visit_notice_objection_approval_and_certificates()
    {
        const string code = "government-quality-award-2025";
        At(2025, 8, 20);
        var ids = await AcceptAsync(code, "G01", "G02", "G05", "G09", "G12", "P01", "P03", "P06");
        await ReviewAsync(code, null, 4);
        var proposed = (await StandingsAsync(code)).Values.Where(s => s.ProposedLevel is not null).Select(s => s.Reference).Order(StringComparer.Ordinal).ToList();
        Assert.True(proposed.Count >= 2, string.Join(",", proposed));
        // 现场评审 of one application: 属实.
        At(2025, 9, 10);
        Assert.Equal(200, (await VisitAsync(ids[proposed[0]], SiteVisitConclusion.True)).Status);

        // 公示 across 国庆; 审定 waits for it.
        var listed = await PublishNoticeAsync(code);
        Assert.Equal(proposed, listed.Order(StringComparer.Ordinal));
        Assert.Equal(400, (await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.ApproveAllListedAsync(code, new DateOnly(2025, 9, 28), "沪质奖委〔2025〕1号", null, Organiser, default))).Status);

        // One objection, by real name with an SMS code, against the second listed: investigated, upheld, the award withdrawn.
        At(2025, 10, 9);
        var mobile = FilmVoteTestApp.NewPhone();
        Assert.Equal(200, (await Svc<ProgrammeObjections, ObjectionAction>(o => o.SendCodeAsync(code, mobile, default))).Status);
        var proof = (await Svc<ProgrammeObjections, ObjectionAction>(o => o.VerifyCodeAsync(mobile, app.Sms.CodeOf(mobile), default))).Proof;
        var received = await Svc<ProgrammeObjections, ObjectionAction>(o => o.ReceiveAsync(code, new ObjectionSubmission("李明", "上海某检测中心", mobile, proof, listed[1],
            "该单位申报材料所列质量管理成效与实际不符，2024年曾发生批量质量问题。"), [], default));
        Assert.Equal(200, received.Status);
        var objection = received.ObjectionId!.Value;
        Assert.Equal(200, (await Svc<ProgrammeObjections, ObjectionAction>(o => o.AssignAsync(objection, "评审办公室 张调查", Organiser, default))).Status);
        Assert.Equal(200, (await Svc<ProgrammeObjections, ObjectionAction>(o => o.NoteAsync(objection, "调阅该单位2024年质量投诉记录，情况属实。", Organiser, default))).Status);
        At(2025, 10, 12, 9);
        Assert.Equal(400, (await Svc<ProgrammeNotices, ProgrammeChange>(async n => await n.CloseAsync(code, (await n.BoardAsync(code, default))!.Notice!.Version, Organiser, default))).Status);
        Assert.Equal(200, (await Svc<ProgrammeObjections, ObjectionAction>(o => o.DecideAsync(objection, ObjectionOutcome.Upheld, ObjectionEffect.Withdraw, null,
            "经调查，异议所述情况属实，撤销其拟授奖资格。", Organiser, default))).Status);
        Assert.Equal(200, (await Svc<ProgrammeObjections, ObjectionAction>(o => o.NotifyAsync(objection, Organiser, default))).Status);
        Assert.Contains("成立", app.Sms.Last[mobile]);
        await CloseNoticeAsync(code);

        // 审定: the rest approved, the withdrawn one skipped with its reason; certificates.
        At(2025, 10, 20);
        var approved = await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.ApproveAllListedAsync(code, new DateOnly(2025, 10, 20), "沪质奖委〔2025〕1号", null, Organiser, default));
        Assert.Equal(200, approved.Status);
        Assert.Equal(listed.Count - 1, approved.Recorded);
        Assert.Contains(approved.Skipped!, w => w.ToString().StartsWith(listed[1], StringComparison.Ordinal) && w.ToString().Contains("撤销"));
        await CertificatesAsync(code, [.. listed.Where(r => r != listed[1])]);
    }

    [Fact]
    public async Task Technology_award_2024_nominations_first_and_re_review_notice_approval_and_certificates()
    {
        const string code = "technology-award-2024";
        At(2025, 8, 20);
        await AcceptAsync(code, "N01", "N02", "N03", "N07", "N08", "N09");
        await ReviewAsync(code, null, 4);
        var proposed = (await StandingsAsync(code)).Values.Where(s => s.ProposedLevel is not null).Select(s => s.Reference).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(proposed);
        var listed = await PublishNoticeAsync(code);
        Assert.Equal(proposed, listed.Order(StringComparer.Ordinal));
        await CloseNoticeAsync(code);
        At(2025, 10, 20);
        var approved = await Svc<ProgrammeApprovals, ApprovalOutcome>(s => s.ApproveAllListedAsync(code, new DateOnly(2025, 10, 20), "沪质协〔2024〕审定1号", null, Organiser, default));
        Assert.Equal(200, approved.Status);
        Assert.Equal(listed.Count, approved.Recorded);
        await CertificatesAsync(code, [.. listed]);
    }
}
