namespace Judging.Tests.Programmes;

using System.Net;
using System.Text;
using System.Text.Json;
using Judging.App.Programmes;
using Judging.App.Programmes.Stages;
using Judging.Domain.Programmes;
using Judging.Tests.Support;
using Bunit;
using MudBlazor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;

/// <summary>
/// 审定 and after (issue 16, "审定 and after"): the committee's decision only once the 公示 is published and closed with no open
/// objection, never for an application an upheld objection withdrew; the meeting's date and reference recorded; certificates
/// numbered consecutively per programme, reissued under a new number; the certificates' PDF (one A4 page each, font embedded);
/// the public results page and awards JSON; and next year's 5-year rule reading this year's approved winners. The state before
/// 审定 (proposals, notices, objections) is inserted as rows; each test but the next-year one works on its own copy of seed 002.
/// </summary>
public sealed class ProgrammeApprovalTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Organiser = "组织者 俞琳";
    private const string Seeded = "government-quality-award-2025";
    private const string Gold = "上海市质量金奖";

    private static int copies;

    private static DateOnly Today => DateOnly.FromDateTime(Judging.Domain.Competitions.ShanghaiTime.ToLocal(DateTimeOffset.UtcNow).DateTime);

    private static Dictionary<string, string> SeedFiles() =>
        Directory.GetFiles(Path.Combine(Paths.Seeds, "programmes", Seeded), "*.csv")
            .Where(f => App.Programmes.Import.ProgrammeImport.Files.Contains(Path.GetFileName(f)))
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));

    /// <summary>Imports seed 002 under <paramref name="code"/> and <paramref name="name"/>.</summary>
    private async Task ImportCopyAsync(string code, string name)
    {
        var files = SeedFiles();
        files["programme.csv"] = files["programme.csv"].Replace($"{Seeded},2025—2026年上海市政府质量奖", $"{code},{name}", StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var r = await scope.ServiceProvider.GetRequiredService<ProgrammeService>().ImportDefinitionAsync(files, Organiser, CancellationToken.None);
        Assert.True(r.Problems.Count == 0, string.Join("\n", r.Problems));
        Assert.Equal(code, r.Code);
    }

    /// <summary>A copy of seed 002 with three submitted applications proposed for 质量金奖 (two organisations, one person) and
    /// returns (code, programme id, application ids by reference A1, A2, P1).</summary>
    private async Task<(string Code, int ProgrammeId, Dictionary<string, int> Ids)> ProgrammeAsync()
    {
        var code = $"approval-test-{Interlocked.Increment(ref copies)}-2030";
        await ImportCopyAsync(code, $"审定测试项目{copies}");
        var ids = await app.WithDbAsync(async db =>
        {
            var p = await db.Set<Programme>().SingleAsync(x => x.Code == code);
            var now = DateTimeOffset.UtcNow;
            ProgrammeApplication App(string reference, string category, string applicant, string fields) => new()
            {
                ProgrammeId = p.Id, Reference = reference, CategoryCode = category, Applicant = applicant, Title = applicant, Fields = fields,
                Status = ProgrammeApplicationStatus.Submitted, Revision = 1, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            };
            var apps = new[]
            {
                App("A1", "gold-model", "上海审定测试甲有限公司", "{\"名称\":\"上海审定测试甲有限公司\"}"),
                App("A2", "gold-model", "上海审定测试乙有限公司", "{\"名称\":\"上海审定测试乙有限公司\"}"),
                App("P1", "gold-achievement", "王审定", "{\"名称\":\"王审定\",\"所在单位\":\"上海审定测试丙有限公司\"}"),
            };
            db.AddRange(apps);
            await db.SaveChangesAsync();
            foreach (var a in apps)
                db.Add(new ProgrammeProposal { ApplicationId = a.Id, Level = Gold, Source = ProgrammeStandings.ReviewSource, Actor = Organiser, At = now });
            await db.SaveChangesAsync();
            return (p.Id, apps.ToDictionary(a => a.Reference, a => a.Id));
        });
        return (code, ids.Item1, ids.Item2);
    }

    /// <summary>Inserts a notice listing <paramref name="listed"/>, published and/or closed.</summary>
    private Task<int> NoticeAsync(int programmeId, IEnumerable<int> listed, bool published, bool closed) => app.WithDbAsync(async db =>
    {
        var start = Today.AddDays(-14);
        var n = new ProgrammeNotice
        {
            ProgrammeId = programmeId, Title = "拟授奖名单公示", StartDay = start, WorkingDays = 5, EndDay = start.AddDays(6),
            List = JsonSerializer.Serialize(listed.Select(id => new { applicationId = id, level = Gold })),
            PublishedAt = published ? DateTimeOffset.UtcNow.AddDays(-14) : null, PublishedBy = published ? Organiser : null,
            ClosedAt = closed ? DateTimeOffset.UtcNow.AddDays(-3) : null, ClosedBy = closed ? Organiser : null,
        };
        db.Add(n);
        await db.SaveChangesAsync();
        return n.Id;
    });

    private async Task<T> WithApprovalsAsync<T>(Func<ProgrammeApprovals, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeApprovals>());
    }

    private Task<ApprovalOutcome> ApproveAsync(string code, params int[] ids) =>
        WithApprovalsAsync(s => s.DecideAsync(code, ids, new DecisionForm(true, Today.AddDays(-1), "审定〔2030〕1号", null), Organiser, CancellationToken.None));

    [Fact]
    public void Certificate_numbers_follow_the_documented_pattern()
    {
        Assert.Equal("2025-GQA-", ProgrammeApprovals.CertificatePrefix("government-quality-award-2025", new DateOnly(2026, 1, 5)));
        Assert.Equal("2021-QB-", ProgrammeApprovals.CertificatePrefix("quality-benchmark-2021", new DateOnly(2022, 1, 5)));
        // No year in the code: the year of issue.
        Assert.Equal("2026-CA-", ProgrammeApprovals.CertificatePrefix("city-award", new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public async Task No_approval_before_the_notice_is_published_and_closed()
    {
        var (code, programmeId, ids) = await ProgrammeAsync();
        var none = await ApproveAsync(code, ids["A1"]);
        Assert.Equal(400, none.Status);
        Assert.Contains("拟授奖名单尚未公示，不能审定", none.Problems.Select(p => p.ToString()));

        await NoticeAsync(programmeId, ids.Values, published: true, closed: false);
        var open = await ApproveAsync(code, ids["A1"]);
        Assert.Equal(400, open.Status);
        Assert.Contains("公示尚未结束，不能审定", open.Problems.Select(p => p.ToString()));
        Assert.False(await app.WithDbAsync(db => db.Set<ProgrammeDecision>().AnyAsync(d => d.ApplicationId == ids["A1"])));

        await NoticeAsync(programmeId, ids.Values, published: true, closed: true);
        Assert.Equal(200, (await ApproveAsync(code, ids["A1"])).Status);
    }

    [Fact]
    public async Task No_approval_while_an_objection_is_open()
    {
        var (code, programmeId, ids) = await ProgrammeAsync();
        var noticeId = await NoticeAsync(programmeId, ids.Values, published: true, closed: true);
        var objectionId = await app.WithDbAsync(async db =>
        {
            var o = new ProgrammeObjection
            {
                NoticeId = noticeId, ApplicationId = ids["A2"], Number = "30-0001", Name = "李异议", Organisation = "某单位", Mobile = "13900003001",
                Grounds = "申报材料中的经营数据与实际不符，请予核查。", ReceivedAt = DateTimeOffset.UtcNow.AddDays(-10), Status = ObjectionStatus.Investigating,
            };
            db.Add(o);
            await db.SaveChangesAsync();
            return o.Id;
        });
        // Even an application the objection is not about waits: the notice has an open objection.
        var refused = await ApproveAsync(code, ids["A1"]);
        Assert.Equal(400, refused.Status);
        Assert.Contains("还有 1 件异议未处理完毕，不能审定", refused.Problems.Select(p => p.ToString()));
        var board = (await WithApprovalsAsync(s => s.BoardAsync(code, CancellationToken.None)))!;
        Assert.Equal(1, board.OpenObjections);
        Assert.NotEmpty(board.NoticeProblems);

        await app.WithDbAsync(db => db.Set<ProgrammeObjection>().Where(o => o.Id == objectionId).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.Status, ObjectionStatus.Decided).SetProperty(o => o.Outcome, ObjectionOutcome.Rejected)
            .SetProperty(o => o.Effect, ObjectionEffect.None).SetProperty(o => o.OutcomeReason, "经核查不属实")));
        Assert.Equal(200, (await ApproveAsync(code, ids["A1"], ids["A2"])).Status);
    }

    [Fact]
    public async Task An_application_withdrawn_by_an_upheld_objection_cannot_be_approved_and_approve_all_skips_it()
    {
        var (code, programmeId, ids) = await ProgrammeAsync();
        var noticeId = await NoticeAsync(programmeId, ids.Values, published: true, closed: true);
        await app.WithDbAsync(async db =>
        {
            db.Add(new ProgrammeObjection
            {
                NoticeId = noticeId, ApplicationId = ids["A2"], Number = "30-0001", Name = "李异议", Organisation = "某单位", Mobile = "13900003002",
                Grounds = "该单位近五年发生重大安全事故，请予核查。", ReceivedAt = DateTimeOffset.UtcNow.AddDays(-10), Status = ObjectionStatus.Decided,
                Outcome = ObjectionOutcome.Upheld, Effect = ObjectionEffect.Withdraw, OutcomeReason = "经核查属实", DecidedAt = DateTimeOffset.UtcNow.AddDays(-4),
            });
            db.Add(new ProgrammeProposal
            {
                ApplicationId = ids["A2"], Withdrawn = true, Source = ProgrammeStandings.ObjectionSource, Reason = "异议成立", Actor = Organiser,
                At = DateTimeOffset.UtcNow.AddDays(-4),
            });
            return await db.SaveChangesAsync();
        });

        var refused = await ApproveAsync(code, ids["A2"]);
        Assert.Equal(400, refused.Status);
        Assert.Contains("公示期间异议成立", string.Join("\n", refused.Problems));
        // All or nothing: A1 with A2 records neither.
        Assert.Equal(400, (await ApproveAsync(code, ids["A1"], ids["A2"])).Status);
        Assert.False(await app.WithDbAsync(db => db.Set<ProgrammeDecision>().AnyAsync(d => d.ApplicationId == ids["A1"])));

        var all = await WithApprovalsAsync(s => s.ApproveAllListedAsync(code, Today, "审定〔2030〕2号", null, Organiser, CancellationToken.None));
        Assert.Equal(200, all.Status);
        Assert.Equal(2, all.Recorded);
        Assert.StartsWith("A2：", Assert.Single(all.Skipped!).ToString());
        var approved = await app.WithDbAsync(db => db.Set<ProgrammeDecision>().Where(d => ids.Values.Contains(d.ApplicationId) && d.Approved).Select(d => d.ApplicationId).ToListAsync());
        Assert.Equal(new[] { ids["A1"], ids["P1"] }.Order(), approved.Order());

        // Not approving needs a note; with one it is recorded.
        var noNote = await WithApprovalsAsync(s => s.DecideAsync(code, [ids["A2"]], new DecisionForm(false, Today, "审定〔2030〕2号", " "), Organiser, CancellationToken.None));
        Assert.Equal(400, noNote.Status);
        Assert.Contains("不予批准须填写理由", noNote.Problems.Select(p => p.ToString()));
        Assert.Equal(200, (await WithApprovalsAsync(s => s.DecideAsync(code, [ids["A2"]], new DecisionForm(false, Today, "审定〔2030〕2号", "异议成立，撤销拟授奖"), Organiser, CancellationToken.None))).Status);
    }

    [Fact]
    public async Task Approving_records_the_meeting_and_certificates_are_numbered_consecutively_printed_and_published()
    {
        var (code, programmeId, ids) = await ProgrammeAsync();
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/programmes/{code}/results")).StatusCode);
        Assert.Equal("[]", await anonymous.GetStringAsync($"/api/programmes/{code}/awards.json"));

        await NoticeAsync(programmeId, ids.Values, published: true, closed: true);
        var meeting = Today.AddDays(-2);
        // The meeting cannot be in the future, and needs its reference.
        var future = await WithApprovalsAsync(s => s.DecideAsync(code, [ids["A1"]], new DecisionForm(true, Today.AddDays(1), "", null), Organiser, CancellationToken.None));
        Assert.Equal(400, future.Status);
        Assert.Equal(2, future.Problems.Count);
        var ok = await WithApprovalsAsync(s => s.DecideAsync(code, [ids["A1"], ids["A2"], ids["P1"]], new DecisionForm(true, meeting, " 沪质奖审〔2030〕3号 ", "一致通过"), Organiser, CancellationToken.None));
        Assert.Equal(200, ok.Status);
        var decision = await app.WithDbAsync(db => db.Set<ProgrammeDecision>().SingleAsync(d => d.ApplicationId == ids["P1"]));
        Assert.True(decision.Approved);
        Assert.Equal((meeting, "沪质奖审〔2030〕3号", Gold, "一致通过"), (decision.MeetingDate, decision.MeetingReference, decision.Level, decision.Note));
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "审定批准" && a.After != null && a.After.Contains("沪质奖审〔2030〕3号"))));

        // Certificates: 2030-AT?-001 … in reference order, never reused; a reissue takes the next number and names the old one.
        var issued = await WithApprovalsAsync(s => s.IssueAsync(code, Organiser, CancellationToken.None));
        Assert.Equal((200, 3), (issued.Status, issued.Recorded));
        Assert.Equal(400, (await WithApprovalsAsync(s => s.IssueAsync(code, Organiser, CancellationToken.None))).Status);
        var register = (await WithApprovalsAsync(s => s.RegisterAsync(code, CancellationToken.None)))!.Value.Rows;
        var prefix = ProgrammeApprovals.CertificatePrefix(code, Today);
        Assert.StartsWith("2030-AT", prefix);
        Assert.Equal([prefix + "001", prefix + "002", prefix + "003"], register.Select(r => r.Number));
        var person = register.Single(r => r.ApplicationId == ids["P1"]);
        Assert.Equal(("王审定", "上海审定测试丙有限公司", Gold), (person.Holder, person.HolderUnit, person.Level));
        Assert.Equal("", register.Single(r => r.ApplicationId == ids["A1"]).HolderUnit);
        // The decision cannot change once certified.
        Assert.Equal(409, (await WithApprovalsAsync(s => s.DecideAsync(code, [ids["A1"]], new DecisionForm(false, meeting, "x", "撤销"), Organiser, CancellationToken.None))).Status);

        Assert.Equal(400, (await WithApprovalsAsync(s => s.ReissueAsync(person.Id, "", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await WithApprovalsAsync(s => s.ReissueAsync(person.Id, "证书遗失", Organiser, CancellationToken.None))).Status);
        Assert.Equal(409, (await WithApprovalsAsync(s => s.ReissueAsync(person.Id, "再次补发", Organiser, CancellationToken.None))).Status);
        register = (await WithApprovalsAsync(s => s.RegisterAsync(code, CancellationToken.None)))!.Value.Rows;
        Assert.Equal(4, register.Select(r => r.Number).Distinct().Count());
        var reissued = register.Single(r => r.Number == prefix + "004");
        Assert.Equal((person.Number, ids["P1"]), (reissued.Replaces, reissued.ApplicationId));
        Assert.Equal(prefix + "004", register.Single(r => r.Id == person.Id).ReplacedBy);

        // The register's CSV (UTF-8 with BOM), the PDFs (one A4 page per certificate in force, the font embedded).
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var csv = await organiser.GetByteArrayAsync($"/api/programmes/{code}/certificates.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).TrimEnd('\r', '\n').Split("\r\n");
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("证书编号,申报编号,奖项类别,奖项等级,获奖者,所在单位,项目,", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(person.Number + ",P1,", StringComparison.Ordinal) && l.EndsWith($"已补发 {prefix}004", StringComparison.Ordinal));
        if (App.Hosting.CjkFonts.Available)
        {
            var all = await organiser.GetAsync($"/api/programmes/{code}/certificates.pdf");
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
            Assert.Equal("application/pdf", all.Content.Headers.ContentType?.MediaType);
            var bytes = await all.Content.ReadAsByteArrayAsync();
            using (var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import))
            {
                Assert.Equal(3, pdf.PageCount);
                Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(595, pdf.Pages[i].Width.Point, 0));
            }
            Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes));
            var text = PdfText.Extract(bytes);
            Assert.Contains("王审定", text);
            Assert.Contains("上海审定测试丙有限公司", text);
            Assert.Contains(prefix + "004", text);
            Assert.Contains("上海市人民政府办公厅", text);
            Assert.DoesNotContain(person.Number, text); // replaced: only the certificates in force are printed
            var one = await organiser.GetByteArrayAsync($"/api/programme-certificates/{person.Id}.pdf");
            using var single = PdfReader.Open(new MemoryStream(one), PdfDocumentOpenMode.Import);
            Assert.Equal(1, single.PageCount);
        }

        // The 审定 page's read model: the decisions in force and each application's certificate in force.
        var board = (await WithApprovalsAsync(s => s.BoardAsync(code, CancellationToken.None)))!;
        Assert.Empty(board.NoticeProblems);
        Assert.All(board.Rows, r => Assert.Equal("沪质奖审〔2030〕3号", r.Standing.Decision!.MeetingReference));
        Assert.Equal(prefix + "004", board.Rows.Single(r => r.Standing.Reference == "P1").Certificate!.Number);

        // Published: the page lists the winners by category and level; the JSON has the stable fields.
        var page = await anonymous.GetAsync($"/programmes/{code}/results");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("上海审定测试甲有限公司", html);
        Assert.Contains("上海市质量金奖（先进质量管理成果）", html);
        Assert.Contains(prefix + "004", html);
        var english = await anonymous.GetStringAsync($"/programmes/{code}/results?culture=en");
        Assert.Contains("Winners", english);
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/programmes/{code}/awards.json"));
        var awards = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, awards.Count);
        Assert.All(awards, a => Assert.Equal(["category", "level", "applicant", "unit", "title", "certificate"], a.EnumerateObject().Select(p => p.Name)));
        var p1 = awards.Single(a => a.GetProperty("applicant").GetString() == "王审定");
        Assert.Equal(("上海市质量金奖（先进质量管理成果）", Gold, "上海审定测试丙有限公司", prefix + "004"),
            (p1.GetProperty("category").GetString(), p1.GetProperty("level").GetString(), p1.GetProperty("unit").GetString(), p1.GetProperty("certificate").GetString()));
    }

    [Fact]
    public async Task Next_years_five_year_rule_reads_this_years_approved_winners()
    {
        // G01 上海申蓝精密机械有限公司 (质量金奖, organisation) of the seeded 2025 programme, and a 2026 programme of the same family.
        var programmeId = await app.WithDbAsync(db => db.Set<Programme>().Where(p => p.Code == Seeded).Select(p => p.Id).SingleAsync());
        var g01 = await app.WithDbAsync(db => db.Set<ProgrammeApplication>().SingleAsync(a => a.ProgrammeId == programmeId && a.Reference == "G01"));
        await ImportCopyAsync("government-quality-award-2026", "2026—2027年上海市政府质量奖");
        const string mobile = "13900002601";
        int id;
        using (var scope = app.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ProgrammeService>();
            var start = await service.StartAsync("government-quality-award-2026", "gold-model", mobile, CancellationToken.None);
            id = start.Id;
            var fields = new Dictionary<string, string?>
            {
                ["名称"] = g01.Applicant, ["在沪登记注册"] = "是", ["登记注册日期"] = "2006-03-15", ["首席质量官制度"] = "是",
                ["声明无严重失信"] = "是", ["公示开始"] = "2026-11-16", ["公示结束"] = "2026-11-20", ["同年申报区级奖"] = "否",
            };
            var saved = await service.SaveDraftAsync(id, mobile, fields, start.Revision, CancellationToken.None);
            Assert.True(saved.Eligibility!.Checks.Single(c => c.Code == GovernmentQualityAwardRules.NoRepeatWithin5Years).Passed);
        }

        await app.WithDbAsync(async db =>
        {
            db.Add(new ProgrammeProposal { ApplicationId = g01.Id, Level = Gold, Source = ProgrammeStandings.ReviewSource, Actor = Organiser, At = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        await NoticeAsync(programmeId, [g01.Id], published: true, closed: true);
        Assert.Equal(200, (await ApproveAsync(Seeded, g01.Id)).Status);

        using (var scope = app.Services.CreateScope())
        {
            var form = (await scope.ServiceProvider.GetRequiredService<ProgrammeService>().FormAsync(id, mobile, CancellationToken.None))!;
            var check = form.Row.Eligibility.Checks.Single(c => c.Code == GovernmentQualityAwardRules.NoRepeatWithin5Years);
            Assert.False(check.Passed);
            Assert.Contains($"{Today.AddDays(-1).Year} 年已获该奖项", check.Reason.ToString());
            // The seeded programme itself does not count its own approval against G01.
            var board = (await scope.ServiceProvider.GetRequiredService<ProgrammeService>().BoardAsync(Seeded, CancellationToken.None))!;
            Assert.True(board.Applications.Single(a => a.Reference == "G01").Eligibility.Checks.Single(c => c.Code == GovernmentQualityAwardRules.NoRepeatWithin5Years).Passed);
        }
    }

    [Fact]
    public async Task The_approval_page_approves_all_listed_and_issues_the_certificates()
    {
        var (code, programmeId, ids) = await ProgrammeAsync();
        await NoticeAsync(programmeId, ids.Values, published: true, closed: true);
        await using var ctx = Judging.Tests.Components.ComponentContext.Create("zh-CN");
        // The page's scopes get the app's service (its database), one app scope each (test only).
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<ProgrammeApprovals>());
        ctx.AddAuthorization().SetAuthorized("organiser");
        ctx.Render<MudPopoverProvider>();
        var snackbars = ctx.Render<MudSnackbarProvider>();
        var page = ctx.Render<App.Components.Pages.Organiser.ProgrammeApprovalPage>(p => p.Add(x => x.Code, code));
        var wait = TimeSpan.FromSeconds(15);
        page.WaitForElement("[data-testid=approval-A1]", wait);
        Assert.Contains("待审定", page.Find("[data-testid=approval-P1]").TextContent);

        page.Find("[data-testid=meeting-date] input, input[data-testid=meeting-date]").Change(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        page.Find("[data-testid=meeting-reference] input, input[data-testid=meeting-reference]").Change("审定〔2030〕9号");
        page.Find("[data-testid=approve-all]").Click();
        page.WaitForAssertion(() => Assert.Contains("批准 上海市质量金奖", page.Find("[data-testid=approval-P1]").TextContent), wait);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<ProgrammeDecision>().CountAsync(d => ids.Values.Contains(d.ApplicationId) && d.MeetingReference == "审定〔2030〕9号")));

        page.Find("[data-testid=issue-certificates]").Click();
        var prefix = ProgrammeApprovals.CertificatePrefix(code, Today);
        page.WaitForAssertion(() => Assert.Contains(prefix + "003", page.Find("[data-testid=register-grid]").TextContent), wait);
        Assert.Contains(prefix + "001", page.Find("[data-testid=approval-A1]").TextContent);
    }
}
