namespace Judging.Tests.Programmes;

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.App.Programmes;
using Judging.App.Programmes.Stages;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app for the objection tests: a manual clock (2025-06-21 10:00 Beijing), the memory SMS gateway, no SMS rate limit.</summary>
public sealed class ObjectionTestApp : FilmVoteTestApp
{
    /// <summary>2025-06-21 10:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 21, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Starts at <see cref="Now"/>.</summary>
    public ObjectionTestApp() => Clock.Set(Now);

    /// <inheritdoc />
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Judging:SignIn:UnitCodesPerMinute"] = "100000" };
}

/// <summary>
/// Objections (异议) to a published 公示 (issue 16): by real name with an SMS-verified mobile, within the period; numbered with the
/// step 受理 and its evidence all or nothing; handled (指派, 调查记录, 申报方答复, 办结) with 撤销 / 调整 changing the proposal before
/// 审定; the objector told by SMS; the identity never in the public receipt.
/// </summary>
public sealed partial class ProgrammeObjectionTests(ObjectionTestApp app) : IClassFixture<ObjectionTestApp>
{
    private const string Gqa = "government-quality-award-2025";

    /// <summary>A minimal PDF's bytes (recognised by its <c>%PDF-</c> head).</summary>
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private const string Grounds = "该单位申报材料中的获奖证明与事实不符，请核查。";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A published notice of <paramref name="code"/>'s first <paramref name="count"/> submitted applications, each proposed at
    /// its category's <paramref name="levelIndex"/>-th level, open from today (Beijing) for 7 days; returns the notice and the lines.</summary>
    internal static async Task<(int NoticeId, IReadOnlyList<NoticeListItem> Lines, DateOnly EndDay)> PublishAsync(TestApp app, DateTimeOffset now, string code = Gqa, int count = 2,
        int levelIndex = 0, string? category = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var p = await db.Set<Programme>().SingleAsync(x => x.Code == code);
            var definition = ProgrammeService.DefinitionOf(p);
            var apps = await db.Set<ProgrammeApplication>().Where(a => a.ProgrammeId == p.Id && a.Status == ProgrammeApplicationStatus.Submitted
                    && (category == null || a.CategoryCode == category))
                .OrderBy(a => a.Id).Take(count).ToListAsync();
            Assert.Equal(count, apps.Count);
            var lines = apps.Select(a =>
            {
                var c = definition.Categories.Single(x => x.Code == a.CategoryCode);
                return new NoticeListItem(a.Id, a.Reference, c.Name, c.Levels[levelIndex], a.Applicant, a.Title);
            }).ToList();
            foreach (var l in lines)
                db.Add(new ProgrammeProposal { ApplicationId = l.ApplicationId, Level = l.Level, Source = ProgrammeStandings.ReviewSource, Actor = "测试", At = now });
            var start = DateOnly.FromDateTime(ShanghaiTime.ToLocal(now).Date);
            var notice = new ProgrammeNotice
            {
                ProgrammeId = p.Id, Title = "拟授奖名单公示（测试）", StartDay = start, WorkingDays = 5, EndDay = start.AddDays(7),
                List = JsonSerializer.Serialize(lines, new JsonSerializerOptions(JsonSerializerDefaults.Web)), PublishedAt = now, PublishedBy = "测试",
                Contact = "联系人 王老师 021-12345678",
            };
            db.Add(notice);
            await db.SaveChangesAsync();
            return (notice.Id, (IReadOnlyList<NoticeListItem>)lines, notice.EndDay);
        });
    }

    private async Task<T> WithAsync<T>(Func<ProgrammeObjections, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeObjections>());
    }

    /// <summary>A fresh mobile verified through the service (code sent through the memory gateway) and its proof.</summary>
    private async Task<(string Mobile, string Proof)> VerifiedAsync(string code = Gqa)
    {
        var mobile = FilmVoteTestApp.NewPhone();
        var sent = await WithAsync(o => o.SendCodeAsync(code, mobile, default));
        Assert.Equal(200, sent.Status);
        Assert.Contains("异议", app.Sms.Last[mobile]);
        var v = await WithAsync(o => o.VerifyCodeAsync(mobile, app.Sms.CodeOf(mobile), default));
        Assert.Equal(200, v.Status);
        return (mobile, v.Proof!);
    }

    private Task<ObjectionAction> ReceiveAsync(string mobile, string? proof, string reference, string? name = "李明", string? organisation = "上海某检测中心",
        IReadOnlyList<EvidenceUpload>? files = null, string code = Gqa) =>
        WithAsync(o => o.ReceiveAsync(code, new ObjectionSubmission(name, organisation, mobile, proof, reference, Grounds), files ?? [], default));

    private Task<int> ObjectionCountAsync(int noticeId) => app.WithDbAsync(db => db.Set<ProgrammeObjection>().CountAsync(o => o.NoticeId == noticeId));

    [Fact]
    public async Task An_anonymous_objection_is_refused_with_the_reason()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var noName = await ReceiveAsync(mobile, proof, lines[0].Reference, name: " ");
        Assert.Equal(400, noName.Status);
        Assert.Contains(noName.Reasons, r => r.ToString().Contains("匿名异议不予受理"));
        var noOrganisation = await ReceiveAsync(mobile, proof, lines[0].Reference, organisation: null);
        Assert.Contains(noOrganisation.Reasons, r => r.ToString().Contains("匿名异议不予受理"));
        Assert.Equal(0, await ObjectionCountAsync(noticeId));
    }

    [Fact]
    public async Task An_unverified_mobile_is_refused()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var none = await ReceiveAsync(FilmVoteTestApp.NewPhone(), null, lines[0].Reference);
        Assert.Equal(400, none.Status);
        Assert.Contains(none.Reasons, r => r.ToString() == "手机号码未经短信验证码验证，异议不予受理");
        // Another mobile's proof does not verify this one; a wrong code gives no proof.
        var (_, othersProof) = await VerifiedAsync();
        Assert.Equal(400, (await ReceiveAsync(FilmVoteTestApp.NewPhone(), othersProof, lines[0].Reference)).Status);
        var mobile = FilmVoteTestApp.NewPhone();
        Assert.Equal(200, (await WithAsync(o => o.SendCodeAsync(Gqa, mobile, default))).Status);
        var wrong = app.Sms.CodeOf(mobile) == "000000" ? "111111" : "000000";
        Assert.Null((await WithAsync(o => o.VerifyCodeAsync(mobile, wrong, default))).Proof);
        Assert.Equal(0, await ObjectionCountAsync(noticeId));
    }

    [Fact]
    public async Task A_late_objection_is_refused_with_the_end_time()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, endDay) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var closesAt = NoticePeriod.ClosesAt(endDay);
        app.Clock.Set(closesAt); // 24:00 Beijing of the last day: late
        try
        {
            var late = await ReceiveAsync(mobile, proof, lines[0].Reference);
            Assert.Equal(400, late.Status);
            Assert.Contains(late.Reasons, r => r.ToString() == $"公示已于 {endDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} 24:00 结束，逾期提出的异议不予受理");
            Assert.Equal(0, await ObjectionCountAsync(noticeId));
            // No code is sent for a closed notice either.
            Assert.Equal(409, (await WithAsync(o => o.SendCodeAsync(Gqa, FilmVoteTestApp.NewPhone(), default))).Status);
        }
        finally { app.Clock.Set(ObjectionTestApp.Now); }
    }

    [Fact]
    public async Task An_accepted_objection_gets_a_number_the_step_and_its_evidence()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var first = await ReceiveAsync(mobile, proof, lines[0].Reference, files: [new EvidenceUpload("证明.pdf", new MemoryStream(Pdf))]);
        Assert.Equal(200, first.Status);
        Assert.Equal("YY-001", first.Number);
        var second = await ReceiveAsync(mobile, proof, lines[1].Reference);
        Assert.Equal("YY-002", second.Number);

        var board = (await WithAsync(o => o.BoardAsync(Gqa, default)))!;
        var view = board.Objections.Single(o => o.Objection.Id == first.ObjectionId);
        Assert.Equal(ObjectionStatus.Received, view.Objection.Status);
        Assert.Equal(["受理"], view.Steps.Select(s => s.Kind));
        Assert.Equal("证明.pdf", Assert.Single(view.Evidence).FileName);
        Assert.Equal("李明", view.Objection.Name); // the organiser sees the identity
        // The audit names the mobile masked, never the name.
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "受理异议" && a.Subject == $"{Gqa} 异议 YY-001" && a.At == app.Clock.GetUtcNow()
            && a.After!.Contains(lines[0].Reference)));
        Assert.DoesNotContain(mobile, audit.After);
        Assert.Contains(mobile[..3] + "****" + mobile[7..], audit.After);
        Assert.DoesNotContain("李明", audit.After + audit.Subject + audit.Actor);
    }

    [Fact]
    public async Task A_refused_file_keeps_no_objection_and_no_file()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var filesBefore = await app.WithDbAsync(db => db.Set<ProgrammeStageFile>().CountAsync());
        var r = await ReceiveAsync(mobile, proof, lines[0].Reference,
            files: [new EvidenceUpload("证明.pdf", new MemoryStream(Pdf)), new EvidenceUpload("说明.txt", new MemoryStream(Encoding.UTF8.GetBytes("纯文本不是证据格式")))]);
        Assert.Equal(400, r.Status);
        Assert.Contains("说明.txt", r.Reasons[0].ToString());
        Assert.Equal(0, await ObjectionCountAsync(noticeId));
        Assert.Equal(filesBefore, await app.WithDbAsync(db => db.Set<ProgrammeStageFile>().CountAsync()));
        // Six files are refused before anything is read.
        var six = Enumerable.Range(1, 6).Select(i => new EvidenceUpload($"{i}.pdf", new MemoryStream(Pdf))).ToList();
        Assert.Contains((await ReceiveAsync(mobile, proof, lines[0].Reference, files: six)).Reasons, x => x.ToString() == "证据材料最多 5 个文件");
    }

    [Fact]
    public async Task Upheld_with_withdraw_takes_the_application_off_the_list_before_approval()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (_, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var id = (await ReceiveAsync(mobile, proof, lines[0].Reference)).ObjectionId!.Value;
        Assert.Equal(200, (await WithAsync(o => o.AssignAsync(id, "张调查", "组织者 t", default))).Status);
        Assert.Equal(200, (await WithAsync(o => o.NoteAsync(id, "走访了申报单位，核实了证书原件。", "组织者 t", default))).Status);
        Assert.Equal(400, (await WithAsync(o => o.ReplyAsync(id, "申报方认可", null, "组织者 t", default))).Status); // the reply's file is required
        Assert.Equal(200, (await WithAsync(o => o.ReplyAsync(id, "申报方承认证书有误", new EvidenceUpload("答复.pdf", new MemoryStream(Pdf)), "组织者 t", default))).Status);
        var decided = await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.Upheld, ObjectionEffect.Withdraw, null, "证书与事实不符", "组织者 t", default));
        Assert.Equal(200, decided.Status);

        var programmeId = await app.WithDbAsync(db => db.Set<Programme>().Where(p => p.Code == Gqa).Select(p => p.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
        {
            var standing = (await scope.ServiceProvider.GetRequiredService<ProgrammeStandings>().LoadAsync(programmeId, default)).Single(s => s.ApplicationId == lines[0].ApplicationId);
            Assert.Null(standing.ProposedLevel);
            Assert.Equal(ObjectionEffect.Withdraw, standing.ObjectionEffect);
            Assert.Equal(ProgrammeStandings.ObjectionSource, standing.Proposal!.Source);
        }
        var view = (await WithAsync(o => o.ViewAsync(id, default)))!;
        Assert.Equal(["受理", "指派", "调查记录", "申报方答复", "办结"], view.Steps.Select(s => s.Kind));
        Assert.Equal("答复.pdf", Assert.Single(view.Replies).FileName);
        Assert.Equal("张调查", view.Objection.AssignedTo);
        // Decided once: no second outcome, no more notes.
        Assert.Equal(409, (await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.Rejected, ObjectionEffect.None, null, "再议", "组织者 t", default))).Status);
        Assert.Equal(409, (await WithAsync(o => o.NoteAsync(id, "补充记录", "组织者 t", default))).Status);
    }

    [Fact]
    public async Task Change_level_proposes_the_new_level_of_the_category()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (_, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow(), "technology-award-2022", count: 1, levelIndex: 0, category: "comprehensive");
        Assert.Equal("一等奖", lines[0].Level);
        var (mobile, proof) = await VerifiedAsync("technology-award-2022");
        var id = (await ReceiveAsync(mobile, proof, lines[0].Reference, code: "technology-award-2022")).ObjectionId!.Value;
        var unknown = await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.PartlyUpheld, ObjectionEffect.ChangeLevel, "特等奖", "部分属实", "组织者 t", default));
        Assert.Equal(400, unknown.Status);
        Assert.Contains(unknown.Reasons, r => r.ToString().Contains("“特等奖”不是该奖项类别的等级"));
        var same = await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.PartlyUpheld, ObjectionEffect.ChangeLevel, "一等奖", "部分属实", "组织者 t", default));
        Assert.Contains(same.Reasons, r => r.ToString() == "调整拟授奖结果须选择新的等级");
        Assert.Equal(200, (await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.PartlyUpheld, ObjectionEffect.ChangeLevel, "二等奖", "部分属实", "组织者 t", default))).Status);
        var level = await app.WithDbAsync(db => db.Set<ProgrammeProposal>().Where(p => p.ApplicationId == lines[0].ApplicationId).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal("二等奖", level.Level);
        Assert.False(level.Withdrawn);
        Assert.Equal(ProgrammeStandings.ObjectionSource, level.Source);
    }

    [Fact]
    public async Task Rejected_with_an_effect_and_deciding_after_approval_are_refused()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (_, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var id = (await ReceiveAsync(mobile, proof, lines[0].Reference)).ObjectionId!.Value;
        var r = await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.Rejected, ObjectionEffect.Withdraw, null, "理由不足", "组织者 t", default));
        Assert.Equal(400, r.Status);
        Assert.Contains(r.Reasons, x => x.ToString() == "异议不成立时，拟授奖结果不作变化");
        var before = await app.WithDbAsync(db => db.Set<ProgrammeProposal>().CountAsync(p => p.ApplicationId == lines[0].ApplicationId));

        var id2 = (await ReceiveAsync(mobile, proof, lines[1].Reference)).ObjectionId!.Value;
        await app.WithDbAsync(async db =>
        {
            db.Add(new ProgrammeDecision { ApplicationId = lines[1].ApplicationId, Approved = true, Level = lines[1].Level, MeetingDate = new DateOnly(2025, 6, 20), MeetingReference = "纪要1", Actor = "测试", At = app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        var late = await WithAsync(o => o.DecideAsync(id2, ObjectionOutcome.Upheld, ObjectionEffect.Withdraw, null, "证书有误", "组织者 t", default));
        Assert.Equal(409, late.Status);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<ProgrammeProposal>().CountAsync(p => p.ApplicationId == lines[0].ApplicationId)));
        Assert.Equal(200, (await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.Rejected, ObjectionEffect.None, null, "理由不足", "组织者 t", default))).Status);
    }

    [Fact]
    public async Task The_objector_is_told_the_outcome_by_sms()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (_, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var id = (await ReceiveAsync(mobile, proof, lines[0].Reference)).ObjectionId!.Value;
        Assert.Equal(409, (await WithAsync(o => o.NotifyAsync(id, "组织者 t", default))).Status); // not decided yet
        Assert.Equal(200, (await WithAsync(o => o.DecideAsync(id, ObjectionOutcome.Upheld, ObjectionEffect.Withdraw, null,
            "经核查，申报材料所附获奖证书与发证机关记录不一致，申报单位亦未能提供其他证明材料，异议成立。", "组织者 t", default))).Status);
        Assert.Equal(200, (await WithAsync(o => o.NotifyAsync(id, "组织者 t", default))).Status);
        var text = app.Sms.Last[mobile];
        Assert.StartsWith($"您提出的异议YY-001（{lines[0].Reference}）已办结：成立，撤销拟授奖。理由：经核查", text);
        Assert.True(text.Length <= ProgrammeObjections.SmsLength, text);
        Assert.EndsWith("…", text);
        var view = (await WithAsync(o => o.ViewAsync(id, default)))!;
        Assert.NotNull(view.Objection.NotifiedAt);
        Assert.Equal("短信告知", view.Steps[^1].Kind);
        Assert.Equal(409, (await WithAsync(o => o.NotifyAsync(id, "组织者 t", default))).Status); // once
    }

    [Fact]
    public async Task The_public_form_receives_an_objection_and_the_receipt_shows_no_identity()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        using var browser = app.Browser();
        var page = await browser.GetAsync($"/programmes/{Gqa}/notice/objection");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{lines[1].Reference}\"", html);
        var token = Token().Match(html).Groups[1].Value;
        var mobile = FilmVoteTestApp.NewPhone();

        // 获取验证码: the form comes back with the fields kept and the code sent.
        var sent = await browser.PostAsync($"/programmes/{Gqa}/notice/objection-code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["mobile"] = mobile, ["name"] = "王芳", ["organisation"] = "上海某协会", ["grounds"] = Grounds,
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var back = await browser.GetStringAsync(sent.Headers.Location!.OriginalString.Split('#')[0]);
        Assert.Contains("objection-code-sent", back);
        Assert.Contains("value=\"王芳\"", back);

        // A wrong code: back to the form with the reason, nothing received.
        var wrong = app.Sms.CodeOf(mobile) == "000000" ? "111111" : "000000";
        var refused = await PostObjectionAsync(browser, token, mobile, wrong, lines[1].Reference);
        Assert.Contains("手机号码未经短信验证码验证", await browser.GetStringAsync(refused.Headers.Location!.OriginalString.Split('#')[0]));
        Assert.Equal(0, await ObjectionCountAsync(noticeId));

        var ok = await PostObjectionAsync(browser, token, mobile, app.Sms.CodeOf(mobile), lines[1].Reference);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var receiptUrl = ok.Headers.Location!.OriginalString;
        Assert.StartsWith($"/programmes/{Gqa}/notice/objection/receipt?r=", receiptUrl);
        var receipt = await browser.GetStringAsync(receiptUrl);
        Assert.Contains("YY-001", receipt);
        Assert.Contains(lines[1].Reference, receipt);
        Assert.DoesNotContain("王芳", receipt);
        Assert.DoesNotContain("上海某协会", receipt);
        Assert.DoesNotContain(mobile, receipt);
        Assert.DoesNotContain(mobile[..3] + "****", receipt);
        var row = await app.WithDbAsync(db => db.Set<ProgrammeObjection>().SingleAsync(o => o.NoticeId == noticeId));
        Assert.Equal(("王芳", "上海某协会", mobile), (row.Name, row.Organisation, row.Mobile));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProgrammeStageFile>().CountAsync(f => f.Kind == ProgrammeStageFiles.EvidenceKind && f.OwnerId == row.Id)));

        // The number alone opens no receipt; another key neither.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/programmes/{Gqa}/notice/objection/receipt?r=YY-001")).StatusCode);
        // In English the refusal is English.
        var en = await PostObjectionAsync(browser, token, FilmVoteTestApp.NewPhone(), "123456", lines[1].Reference, "?culture=en");
        var enPage = await browser.GetStringAsync(en.Headers.Location!.OriginalString.Split('#')[0]);
        Assert.Contains("verified", enPage);
        Assert.DoesNotContain("手机号码未经短信验证码验证", enPage);
    }

    /// <summary>Two app instances on one database and the same Data Protection keys: services built apart from the app's singletons.</summary>
    private ObjectionCodes OtherInstance(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider? protection = null) => new(
        new Judging.App.Registration.SmsCodes(app.Services.GetRequiredService<IDbContextFactory<Judging.App.Persistence.JudgingDb>>(),
            app.Services.GetRequiredService<Judging.App.FilmVoting.VotingKeys>(), app.Clock),
        protection ?? app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), app.Clock);

    [Fact]
    public async Task Simultaneous_requests_for_one_mobile_on_two_instances_send_one_code()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var keys = app.Services.GetRequiredService<Judging.App.FilmVoting.VotingKeys>();
        for (var i = 0; i < 10; i++)
        {
            var mobile = FilmVoteTestApp.NewPhone();
            var issued = await Task.WhenAll(OtherInstance().IssueAsync(mobile, default), OtherInstance().IssueAsync(mobile, default));
            Assert.Single(issued, x => x.Code is not null);
            Assert.Equal(1, await app.WithDbAsync(db => db.Set<Judging.App.Registration.UnitSignInCode>().CountAsync(c => c.PhoneHash == keys.HashPhone("objection:" + mobile))));
        }

        // What the loser of the race would store (a second code after the same latest one) is refused by the database itself.
        var hash = keys.HashPhone("objection:" + FilmVoteTestApp.NewPhone());
        var now = app.Clock.GetUtcNow();
        Judging.App.Registration.UnitSignInCode Row() => new() { PhoneHash = hash, CodeHash = "00", CreatedAt = now, ExpiresAt = now.AddMinutes(5), PreviousCodeId = 0 };
        await app.WithDbAsync(async db => { db.Add(Row()); await db.SaveChangesAsync(); return 0; });
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db => { db.Add(Row()); await db.SaveChangesAsync(); return 0; }));
    }

    [Fact]
    public async Task A_code_asked_on_one_instance_verifies_on_another_and_its_proof_is_accepted_there()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var (noticeId, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var mobile = FilmVoteTestApp.NewPhone();
        Assert.Equal(200, (await WithAsync(o => o.SendCodeAsync(Gqa, mobile, default))).Status);
        // The code is a database row (only its HMAC), not process memory: another instance's service verifies it, once.
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Judging.App.Registration.UnitSignInCode>().CountAsync(c => c.UsedAt == null
            && c.PhoneHash == app.Services.GetRequiredService<Judging.App.FilmVoting.VotingKeys>().HashPhone("objection:" + mobile))));
        var other = OtherInstance();
        var proof = await other.VerifyAsync(mobile, app.Sms.CodeOf(mobile), default);
        Assert.NotNull(proof);
        Assert.Null(await OtherInstance().VerifyAsync(mobile, app.Sms.CodeOf(mobile), default)); // single use across instances
        // The 60 s between codes holds across instances too.
        Assert.Equal(429, (await WithAsync(o => o.SendCodeAsync(Gqa, mobile, default))).Status);
        Assert.Null((await OtherInstance().IssueAsync(mobile, default)).Code);
        // The proof made by the other instance is accepted by this one (same keys), for this mobile only, for 30 minutes;
        // another key ring does not read it.
        Assert.Equal(mobile, app.Services.GetRequiredService<ObjectionCodes>().MobileOf(proof));
        Assert.Null(OtherInstance(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()).MobileOf(proof));
        Assert.Null(OtherInstance().MobileOf(proof![..^4] + (proof.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")));
        var received = await ReceiveAsync(mobile, proof, lines[0].Reference);
        Assert.Equal(200, received.Status);
        Assert.Equal(1, await ObjectionCountAsync(noticeId));
        app.Clock.Advance(ObjectionCodes.ProofLifetime);
        Assert.Null(OtherInstance().MobileOf(proof));
        app.Clock.Set(ObjectionTestApp.Now);
    }

    [Fact]
    public async Task Objection_codes_and_unit_sign_in_codes_do_not_meet()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        await PublishAsync(app, app.Clock.GetUtcNow());
        var mobile = FilmVoteTestApp.NewPhone();
        using (var scope = app.Services.CreateScope())
            Assert.Equal(200, (await scope.ServiceProvider.GetRequiredService<Judging.App.Registration.UnitSignIn>().SendCodeAsync(mobile, default)).Status);
        var unitCode = app.Sms.CodeOf(mobile);
        // A unit code neither counts against the objection's 60 s nor verifies an objection, and the reverse.
        Assert.Equal(200, (await WithAsync(o => o.SendCodeAsync(Gqa, mobile, default))).Status);
        var objectionCode = app.Sms.CodeOf(mobile);
        if (unitCode != objectionCode) Assert.Null(await OtherInstance().VerifyAsync(mobile, unitCode, default));
        var signIn = app.Services.GetRequiredService<Judging.App.Registration.UnitSignIn>();
        if (unitCode != objectionCode) Assert.False(await signIn.VerifyAsync(mobile, objectionCode, default));
        Assert.NotNull(await OtherInstance().VerifyAsync(mobile, objectionCode, default));
        Assert.True(await signIn.VerifyAsync(mobile, unitCode, default));
    }

    [Fact]
    public void A_draft_travels_in_a_cookie_bound_to_its_redirect_and_long_grounds_are_left_out()
    {
        app.Clock.Set(ObjectionTestApp.Now);
        var draft = new ObjectionDraft("王芳", "上海某协会", "13800138000", "GQA-1", Grounds, [Wording.Of("x")]);
        var (cookie, nonce) = app.Services.GetRequiredService<ObjectionCodes>().Protect(draft, ["理由一"], "过长");
        Assert.True(cookie.Length <= ObjectionCodes.MaxDraftCookieChars);
        Assert.DoesNotContain("13800138000", cookie);
        var back = OtherInstance().Draft(cookie, nonce);
        Assert.NotNull(back);
        Assert.Equal(("王芳", "上海某协会", "13800138000", "GQA-1", Grounds), (back.Name, back.Organisation, back.Mobile, back.ApplicationReference, back.Grounds));
        Assert.Equal(["理由一"], back.Reasons.Select(r => r.ToString()));
        Assert.Null(OtherInstance().Draft(cookie, "0000000000000000"));
        // Grounds that do not compress into one cookie are left out, with a reason; the identity fields stay.
        var noise = string.Concat(Enumerable.Range(0, 4000).Select(_ => (char)System.Security.Cryptography.RandomNumberGenerator.GetInt32(0x4E00, 0x9FA5)));
        var (big, bigNonce) = OtherInstance().Protect(draft with { Grounds = noise }, ["理由一"], "过长");
        Assert.True(big.Length <= ObjectionCodes.MaxDraftCookieChars, big.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cut = OtherInstance().Draft(big, bigNonce)!;
        Assert.Null(cut.Grounds);
        Assert.Equal(["理由一", "过长"], cut.Reasons.Select(r => r.ToString()));
        Assert.Equal("王芳", cut.Name);
        app.Clock.Advance(ObjectionCodes.DraftLifetime);
        Assert.Null(OtherInstance().Draft(cookie, nonce));
        app.Clock.Set(ObjectionTestApp.Now);
    }

    [Fact]
    public async Task Without_a_published_notice_the_form_is_404()
    {
        using var browser = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/programmes/quality-benchmark-2021/notice/objection")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/programmes/no-such-programme/notice/objection")).StatusCode);
    }

    [Fact]
    public async Task The_organiser_endpoints_assign_decide_and_take_a_reply()
    {
        app.Clock.Set(DateTimeOffset.UtcNow); // the organiser's session lives on the real clock
        var (_, lines, _) = await PublishAsync(app, app.Clock.GetUtcNow());
        var (mobile, proof) = await VerifiedAsync();
        var received = await ReceiveAsync(mobile, proof, lines[0].Reference);
        var (id, number) = (received.ObjectionId!.Value, received.Number);
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/programme-objections/{id}/assign", Json(new { person = "张调查" }))).StatusCode);
        var bad = await organiser.PostAsync($"/api/programme-objections/{id}/decide", Json(new { outcome = "Rejected", effect = "Withdraw", reasons = "不足" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("异议不成立时", await bad.Content.ReadAsStringAsync());
        using var form = new MultipartFormDataContent { { new StringContent("申报方提交了说明"), "text" } };
        form.Add(new ByteArrayContent(Pdf), "file", "答复.pdf");
        using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/programme-objections/{id}/reply") { Content = form };
        req.Headers.Accept.ParseAdd("application/json");
        Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(req)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/programme-objections/{id}/decide", Json(new { outcome = "Rejected", effect = "None", reasons = "理由不足" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/programme-objections/{id}/notify", Json(new { }))).StatusCode);
        Assert.Contains("不成立", app.Sms.Last[mobile]);
        var page = await organiser.GetAsync($"/organiser/programmes/{Gqa}/objections");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The page is interactive without prerendering: its read model is the board, where the number and the investigator are.
        var view = (await WithAsync(o => o.BoardAsync(Gqa, default)))!.Objections.Single(o => o.Objection.Id == id);
        Assert.Equal((number, "张调查", ObjectionStatus.Decided), (view.Objection.Number, view.Objection.AssignedTo, view.Objection.Status));
        Assert.Equal("答复.pdf", Assert.Single(view.Replies).FileName);
        app.Clock.Set(ObjectionTestApp.Now);
    }

    private static StringContent Json(object o) => new(JsonSerializer.Serialize(o), Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> PostObjectionAsync(HttpClient browser, string token, string mobile, string code, string reference, string query = "")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(mobile), "mobile" }, { new StringContent(code), "code" },
            { new StringContent("王芳"), "name" }, { new StringContent("上海某协会"), "organisation" }, { new StringContent(reference), "application" },
            { new StringContent(Grounds), "grounds" },
        };
        form.Add(new ByteArrayContent(Pdf), "evidence", "证据.pdf");
        var res = await browser.PostAsync($"/programmes/{Gqa}/notice/objections{query}", form);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return res;
    }
}
