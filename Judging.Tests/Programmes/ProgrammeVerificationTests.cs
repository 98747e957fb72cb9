namespace Judging.Tests.Programmes;

using System.Text;
using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Stages;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Site verification (现场验证) and credit check (信用查询) of programme applications, organiser side (issue 16, sections "Site
/// verification" and "Credit check"; "Done when": "a 不属实 visit blocking"): a visit needs a reason and a team without a
/// conflict; a 不属实 conclusion stops the application before 公示 until the committee records otherwise; a failed credit check
/// needs its finding and blocks with it; files are stored or refused; every action is audited. Each test works on its own
/// seeded application of 上海市政府质量奖 2025 (seed 002).
/// </summary>
public sealed class ProgrammeVerificationTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Code = "government-quality-award-2025";
    private const string Organiser = "组织者 俞琳";

    private static readonly SiteVisitMember Leader = new("李强", "上海市质量协会");
    private static readonly SiteVisitMember Second = new("王敏", "同济大学");

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private async Task<T> WithAsync<T>(Func<ProgrammeVerification, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeVerification>());
    }

    private async Task<int> IdOfAsync(string reference) => await app.WithDbAsync(db =>
        db.Set<ProgrammeApplication>().Where(a => a.Reference == reference && db.Set<Programme>().Any(p => p.Id == a.ProgrammeId && p.Code == Code))
            .Select(a => a.Id).SingleAsync());

    private async Task<VerificationRow> RowAsync(string reference) =>
        (await WithAsync(v => v.BoardAsync(Code, CancellationToken.None)))!.Rows.Single(r => r.Standing.Reference == reference);

    /// <summary>Passes the formal review (with the staff's reason, as no material is uploaded) and proposes 质量金奖, so that only
    /// the verification stages can stop it from the 公示 list.</summary>
    private async Task<int> ProposedAsync(string reference)
    {
        var id = await IdOfAsync(reference);
        using (var scope = app.Services.CreateScope())
        {
            var review = scope.ServiceProvider.GetRequiredService<ProgrammeFormalReview>();
            var accepted = await review.AcceptAsync(id, new HashSet<string> { ProgrammeFormalReview.ContentKey }, "纸质材料已核对", Organiser, CancellationToken.None);
            Assert.Equal(200, accepted.Status);
        }
        await app.WithDbAsync(async db =>
        {
            db.Add(new ProgrammeProposal { ApplicationId = id, Level = "质量金奖", Source = ProgrammeStandings.OrganiserSource, Reason = "测试", Actor = Organiser, At = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.True((await RowAsync(reference)).Standing.Listable);
        return id;
    }

    private async Task<List<AuditEntry>> AuditOfAsync(string reference) => await app.WithDbAsync(db =>
        db.AuditEntries.Where(e => e.Subject.Contains(" " + reference + " ")).OrderBy(e => e.Id).ToListAsync());

    private static SiteVisitPlan Plan(params SiteVisitMember[] team) => new("申报材料中的生产线改造成效需现场核实", team, new DateOnly(2026, 12, 3), "上海市申江区申蓝路 88 号");

    [Fact]
    public async Task A_visit_needs_a_reason_and_a_team_of_two_without_a_conflict_and_can_be_replanned_and_cancelled()
    {
        var id = await IdOfAsync("G02");
        var noReason = await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, Second) with { Reason = "  " }, Organiser, CancellationToken.None));
        Assert.Equal(400, noReason.Status);
        Assert.Contains("请写明需要现场验证的理由", noReason.Reason!.ToString());

        var alone = await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader), Organiser, CancellationToken.None));
        Assert.Equal(400, alone.Status);
        Assert.Contains("至少 2 人", alone.Reason!.ToString());

        // The applicant's own organisation, typed with spaces around it.
        var conflicted = await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, new(" 张伟 ", " 上海浦江智能装备股份有限公司 ")), Organiser, CancellationToken.None));
        Assert.Equal(400, conflicted.Status);
        Assert.Equal("专家“张伟”的工作单位“上海浦江智能装备股份有限公司”是申报单位，须回避", conflicted.Reason!.ToString());
        Assert.Null((await RowAsync("G02")).Standing.Visit);

        var planned = await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, Second), Organiser, CancellationToken.None));
        Assert.Equal(200, planned.Status);
        var row = await RowAsync("G02");
        Assert.Equal([Leader, Second], row.Team);
        Assert.True(row.NeedsVisit);
        // A visit without a conclusion stops the application before 公示.
        Assert.Contains(row.Blocks, b => b.ToString() == "现场验证尚无结论");

        var replanned = await WithAsync(v => v.PlanVisitAsync(id, Plan(Second, Leader, new("赵伟", "上海大学")), Organiser, CancellationToken.None));
        Assert.Equal(200, replanned.Status);
        row = await RowAsync("G02");
        Assert.Equal("王敏", row.Team[0].Name);
        Assert.Equal(2, row.Visits.Count);

        Assert.Equal(400, (await WithAsync(v => v.CancelVisitAsync(id, "", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.CancelVisitAsync(id, "经复核，申报材料已足以说明", Organiser, CancellationToken.None))).Status);
        row = await RowAsync("G02");
        Assert.Null(row.Standing.Visit);
        Assert.Empty(row.Blocks);
        Assert.Equal(409, (await WithAsync(v => v.CancelVisitAsync(id, "再取消一次", Organiser, CancellationToken.None))).Status);

        var audit = await AuditOfAsync("G02");
        Assert.Equal(["安排现场验证", "调整现场验证", "取消现场验证"], audit.Where(e => e.Action.Contains("现场验证")).Select(e => e.Action));
        Assert.All(audit.Where(e => e.Action.Contains("现场验证")), e => Assert.Equal(Organiser, e.Actor));
        Assert.Contains("王敏（同济大学）", audit.Single(e => e.Action == "调整现场验证").After);
    }

    [Fact]
    public async Task An_individuals_organisation_is_a_conflict()
    {
        // P01 陈思远 works for 上海申蓝精密机械有限公司 (seed 002 个人: 所在单位).
        var id = await IdOfAsync("P01");
        var row = await RowAsync("P01");
        Assert.Contains(row.Parties, p => p.Kind == SiteVisitPartyKind.ApplicantUnit && p.Name == "上海申蓝精密机械有限公司");
        var refused = await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, new("刘洋", "上海申蓝精密机械有限公司")), Organiser, CancellationToken.None));
        Assert.Equal(400, refused.Status);
        Assert.Contains("是申报人的所在单位", refused.Reason!.ToString());
        var self = await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, new("陈思远", "上海大学")), Organiser, CancellationToken.None));
        Assert.Contains("是申报人本人", self.Reason!.ToString());
    }

    [Fact]
    public async Task An_untrue_conclusion_blocks_the_application_until_the_committee_records_otherwise()
    {
        var id = await ProposedAsync("G05");
        // Findings and a conclusion need a visit.
        Assert.Equal(409, (await WithAsync(v => v.ConcludeAsync(id, SiteVisitConclusion.Untrue, "不符", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, Second), Organiser, CancellationToken.None))).Status);
        Assert.Equal(400, (await WithAsync(v => v.AddFindingAsync(id, "", "看过了", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.AddFindingAsync(id, "质量管理体系运行", "现场未见申报材料所述的在线检测系统", Organiser, CancellationToken.None))).Status);
        Assert.Equal(400, (await WithAsync(v => v.ConcludeAsync(id, null, "说明", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.ConcludeAsync(id, SiteVisitConclusion.Untrue, "申报的主要成效与现场情况不符", Organiser, CancellationToken.None))).Status);

        var row = await RowAsync("G05");
        Assert.False(row.Standing.Listable);
        Assert.Equal(["现场验证结论为不属实"], row.Blocks.Select(b => b.ToString()));
        Assert.Equal(SiteVisitConclusion.Untrue, row.Conclusion!.Conclusion);
        Assert.Equal("质量管理体系运行", row.Findings[0].Criterion);

        Assert.Equal(400, (await WithAsync(v => v.RecordCommitteeAsync(id, "经评审委员会讨论，差异属统计口径问题", " ", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.RecordCommitteeAsync(id, "经评审委员会讨论，差异属统计口径问题", "评委会纪要〔2026〕3 号", Organiser, CancellationToken.None))).Status);
        row = await RowAsync("G05");
        Assert.True(row.Standing.Listable);
        Assert.Empty(row.Blocks);
        Assert.Equal(409, (await WithAsync(v => v.RecordCommitteeAsync(id, "再记一次", "纪要 4 号", Organiser, CancellationToken.None))).Status);

        Assert.Equal(400, (await WithAsync(v => v.RevokeCommitteeAsync(id, "", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.RevokeCommitteeAsync(id, "纪要有误，重新审议", Organiser, CancellationToken.None))).Status);
        row = await RowAsync("G05");
        Assert.False(row.Standing.Listable);
        Assert.True(row.Committee!.Revoked);
        Assert.Equal(409, (await WithAsync(v => v.RevokeCommitteeAsync(id, "再撤一次", Organiser, CancellationToken.None))).Status);

        // A later conclusion replaces it.
        Assert.Equal(200, (await WithAsync(v => v.ConcludeAsync(id, SiteVisitConclusion.MostlyTrue, "补充核查后基本属实", Organiser, CancellationToken.None))).Status);
        Assert.True((await RowAsync("G05")).Standing.Listable);
        // No committee record on an application that is not 不属实.
        Assert.Equal(409, (await WithAsync(v => v.RecordCommitteeAsync(id, "理由", "纪要 5 号", Organiser, CancellationToken.None))).Status);

        var actions = (await AuditOfAsync("G05")).Select(e => e.Action).ToList();
        Assert.Equal(["安排现场验证", "记录现场验证情况", "现场验证结论", "委员会意见：现场验证不属实仍继续", "撤销委员会意见", "现场验证结论"],
            actions.Where(a => a != "形式审查通过"));
    }

    [Fact]
    public async Task A_failed_credit_check_needs_its_finding_and_blocks_with_it()
    {
        var id = await ProposedAsync("G09");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var form = new CreditCheckForm("周婷", today, ["信用记录", "市场监管行政处罚"], " 信用中国（上海） ", CreditCheckResult.Failed, " ");
        var noFinding = await WithAsync(v => v.RecordCreditAsync(id, form, Organiser, CancellationToken.None));
        Assert.Equal(400, noFinding.Status);
        Assert.Equal("信用查询未通过时须写明查询发现的问题", noFinding.Reason!.ToString());

        var empty = await WithAsync(v => v.RecordCreditAsync(id, new CreditCheckForm(null, today.AddDays(2), [], null, null, null), Organiser, CancellationToken.None));
        Assert.Equal(400, empty.Status);
        foreach (var reason in new[] { "请填写查询人", "晚于今天", "请选择或填写查询渠道", "请选择查询结果" })
            Assert.Contains(reason, empty.Reason!.ToString());

        var failed = await WithAsync(v => v.RecordCreditAsync(id, form with { Finding = "2025 年受到市场监管部门行政处罚一次" }, Organiser, CancellationToken.None));
        Assert.Equal(200, failed.Status);
        var row = await RowAsync("G09");
        Assert.False(row.Standing.Listable);
        Assert.True(row.CreditFailed);
        Assert.Equal(["信用查询未通过：2025 年受到市场监管部门行政处罚一次"], row.Blocks.Select(b => b.ToString()));
        Assert.Equal("信用记录、市场监管行政处罚、信用中国（上海）", row.Standing.Credit!.Sources);

        // A later check that passes is in force.
        Assert.Equal(200, (await WithAsync(v => v.RecordCreditAsync(id, form with { Result = CreditCheckResult.Passed, Finding = "处罚已整改，信用修复完成" }, Organiser, CancellationToken.None))).Status);
        row = await RowAsync("G09");
        Assert.True(row.Standing.Listable);
        Assert.Equal(2, row.Credits.Count);

        var audit = (await AuditOfAsync("G09")).Where(e => e.Action == "信用查询").ToList();
        Assert.Equal(2, audit.Count);
        Assert.StartsWith("未通过", audit[0].After);
        Assert.StartsWith("通过", audit[1].After);
        Assert.Equal(audit[0].After, audit[1].Before);
    }

    [Fact]
    public async Task Files_are_stored_for_the_visit_and_the_check_and_a_text_file_is_refused()
    {
        var id = await IdOfAsync("G12");
        using (var none = new MemoryStream(Png))
            Assert.Equal(409, (await WithAsync(v => v.UploadAsync(id, ProgrammeStageFiles.SiteVisitKind, "现场.png", none, Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, Second), Organiser, CancellationToken.None))).Status);
        using (var photo = new MemoryStream(Png))
        {
            var stored = await WithAsync(v => v.UploadAsync(id, ProgrammeStageFiles.SiteVisitKind, "现场照片.png", photo, Organiser, CancellationToken.None));
            Assert.Equal(200, stored.Status);
            Assert.Equal("png", stored.File!.Format);
        }
        using (var text = new MemoryStream(Encoding.UTF8.GetBytes("这是一个文本文件，不是照片。")))
        {
            var refused = await WithAsync(v => v.UploadAsync(id, ProgrammeStageFiles.SiteVisitKind, "说明.txt", text, Organiser, CancellationToken.None));
            Assert.Equal(400, refused.Status);
            Assert.NotNull(refused.Refusal);
        }
        using (var pdf = new MemoryStream("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray()))
            Assert.Equal(409, (await WithAsync(v => v.UploadAsync(id, ProgrammeStageFiles.CreditKind, "信用报告.pdf", pdf, Organiser, CancellationToken.None))).Status);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(200, (await WithAsync(v => v.RecordCreditAsync(id, new CreditCheckForm("周婷", today, ["申报单位声明"], null, CreditCheckResult.Passed, null), Organiser, CancellationToken.None))).Status);
        using (var pdf = new MemoryStream("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray()))
            Assert.Equal(200, (await WithAsync(v => v.UploadAsync(id, ProgrammeStageFiles.CreditKind, "信用报告.pdf", pdf, Organiser, CancellationToken.None))).Status);
        using (var other = new MemoryStream(Png))
            Assert.Equal(400, (await WithAsync(v => v.UploadAsync(id, ProgrammeStageFiles.EvidenceKind, "x.png", other, Organiser, CancellationToken.None))).Status);

        var row = await RowAsync("G12");
        Assert.Equal(["现场照片.png"], row.VisitFiles.Select(f => f.FileName));
        Assert.Equal(["信用报告.pdf"], row.CreditFiles.Select(f => f.FileName));
        Assert.Equal(row.Standing.Visit!.Id, row.VisitFiles[0].OwnerId);
        Assert.Equal(row.Standing.Credit!.Id, row.CreditFiles[0].OwnerId);
        var uploads = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "上传阶段材料" && e.Actor == Organiser).Select(e => e.After).ToListAsync());
        Assert.Contains(uploads, a => a!.StartsWith("现场照片.png", StringComparison.Ordinal));
        Assert.Contains(uploads, a => a!.StartsWith("信用报告.pdf", StringComparison.Ordinal));
        Assert.DoesNotContain(uploads, a => a!.StartsWith("说明.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_upload_endpoint_stores_a_file_for_the_organiser_from_this_site()
    {
        var id = await IdOfAsync("G14");
        Assert.Equal(200, (await WithAsync(v => v.PlanVisitAsync(id, Plan(Leader, Second), Organiser, CancellationToken.None))).Status);
        using var client = await ResultsData.OrganiserClientAsync(app);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "photo.png" } };
        var res = await client.PostAsync($"/api/programme-applications/{id}/verification-files/site-visit", content);
        Assert.Equal(System.Net.HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(["photo.png"], (await RowAsync("G14")).VisitFiles.Select(f => f.FileName));

        using var text = new MultipartFormDataContent { { new ByteArrayContent("plain text"u8.ToArray()), "file", "notes.txt" } };
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.PostAsync($"/api/programme-applications/{id}/verification-files/site-visit", text)).StatusCode);
        using var wrongKind = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "photo.png" } };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.PostAsync($"/api/programme-applications/{id}/verification-files/objection", wrongKind)).StatusCode);

        // From another site: refused before anything is read.
        using var cross = new HttpRequestMessage(HttpMethod.Post, $"/api/programme-applications/{id}/verification-files/site-visit")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "photo.png" } },
        };
        cross.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.SendAsync(cross)).StatusCode);
    }
}
