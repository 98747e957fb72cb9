namespace Judging.App.Registration;

using System.Security.Cryptography;
using Judging.App.Accounts;
using Judging.App.Import;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Seeds the online intake so its pages are not empty on first run (issue 15, "Done when", last bullet):
/// <c>{seeds}/registrations.csv</c> (units of <c>units.csv</c> that completed 附件2 (一), with their contact mobiles) and
/// <c>{seeds}/declarations.csv</c> (draft declarations, 附件2 (二); never submitted, so no entry is added and the seeds'
/// finalists and results stay as they were). Then the recommender most of the seeded registrations chose gets a sign-in
/// link (<see cref="RecommenderInvite"/>, printed at start by <see cref="ReissueSeedInviteAsync"/>) and two
/// <see cref="RecommendationOpinion"/> rows on its units' first entries (one 推荐 with a text, one not yet given).
/// Runs once, right after the first import of the seeds, and only while the database holds no registration, declaration or
/// contact. All or nothing: every row goes through <see cref="RegistrationRules.Check"/> and
/// <see cref="DeclarationRules.Check"/> (draft) and the unit's limits (<see cref="EntryLimits"/>); any problem stops
/// start-up with the rows' Chinese reasons ("registrations.csv 第3行：…") and nothing is recorded. Formats:
/// docs/import-formats.md.
/// </summary>
public sealed class RegistrationSeeder(JudgingDb db, TimeProvider clock, ILogger<RegistrationSeeder> log)
{
    /// <summary>Who the seeded rows are recorded as made by (as the film and case seeders).</summary>
    public const string SeedActor = "种子数据";

    /// <summary>The registrations file.</summary>
    public const string RegistrationsFile = "registrations.csv";

    /// <summary>The declarations (drafts) file.</summary>
    public const string DeclarationsFile = "declarations.csv";

    /// <summary>The seeded opinion's text (推荐, on the recommender's first entry).</summary>
    public const string SeedOpinionText = "该单位质量管理基础扎实，作品选题聚焦一线质量改进，事例真实、数据翔实，同意推荐。";

    private static readonly string[] RegistrationColumns =
        ["参赛单位", "会员单位", "单位地址", "邮编", "单位性质其他", "重点领域", "专精特新", "重点产业", "重点产业其他", "联系人姓名", "部门及职务", "联系手机", "邮箱地址", "拟申报作品", "暂无作品申报"];

    private static readonly string[] RegistrationOptional = ["第二联系人姓名", "第二联系人手机"];

    private static readonly string[] DeclarationColumns =
        ["参赛单位", "赛道", "参赛作品名称", "作品类别", "作品时长分钟", "主创者", "联系人姓名", "联系地址", "联系部门", "职务", "联系手机", "电子邮箱", "内容简介", "曾获荣誉", "其它荣誉", "承诺"];

    /// <summary>What the seeder recorded.</summary>
    /// <param name="Registrations">Units registered.</param>
    /// <param name="Declarations">Draft declarations.</param>
    /// <param name="RecommenderId">The recommender given a sign-in link, or null.</param>
    public sealed record Outcome(int Registrations, int Declarations, int? RecommenderId);

    /// <summary>Runs the seeder in <paramref name="services"/>' scope for the seeds folder <paramref name="seedsPath"/>.</summary>
    /// <exception cref="InvalidOperationException">A row is bad (nothing recorded); the message lists every row's problem.</exception>
    public static Task<Outcome> RunAsync(IServiceProvider services, string seedsPath, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<RegistrationSeeder>(services).SeedAsync(seedsPath, ct);

    /// <summary>
    /// Seeds from <paramref name="seedsPath"/> into the newest competition; returns what was recorded (all zero when the file is
    /// absent, there is no competition, or the database already holds registrations, declarations or unit contacts).
    /// </summary>
    /// <exception cref="InvalidOperationException">A row is bad (nothing recorded).</exception>
    public async Task<Outcome> SeedAsync(string seedsPath, CancellationToken ct)
    {
        var nothing = new Outcome(0, 0, null);
        var regPath = Path.Combine(seedsPath, RegistrationsFile);
        if (!File.Exists(regPath)) return nothing;
        if (await db.Set<UnitRegistration>().AnyAsync(ct) || await db.Set<EntryDeclaration>().AnyAsync(ct) || await db.Set<UnitContact>().AnyAsync(ct))
            return nothing;
        var comp = await db.Competitions.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (comp is null) return nothing;

        var problems = new List<ImportProblem>();
        var units = await db.Units.AsNoTracking().Where(u => u.CompetitionId == comp.Id).ToDictionaryAsync(u => u.Name, ct);
        var recommenderIds = (await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == comp.Id).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();

        // Registrations (附件2 (一)).
        var regs = new List<(Unit Unit, UnitRegistration Reg, List<UnitContact> Contacts)>();
        var mobiles = new HashSet<string>(StringComparer.Ordinal);
        var regTable = CsvTable.Read(RegistrationsFile, await File.ReadAllBytesAsync(regPath, ct), RegistrationColumns, problems, RegistrationOptional);
        foreach (var r in regTable?.Rows ?? [])
        {
            if (r.Required("参赛单位", problems) is not { } name) continue;
            if (!units.TryGetValue(name, out var unit)) { r.Problem(problems, $"参赛单位“{name}”不在 units.csv 中"); continue; }
            if (regs.Any(x => x.Unit.Id == unit.Id)) { r.Problem(problems, $"参赛单位“{name}”重复"); continue; }
            var tracks = ParseTracks(r, "拟申报作品", problems);
            var form = new RegistrationForm(unit.Name, YesNo(r, "会员单位", problems), unit.RecommenderId, r["单位地址"], r["邮编"], unit.Nature, Blank(r["单位性质其他"]),
                r["重点领域"], YesNo(r, "专精特新", problems), r["重点产业"], Blank(r["重点产业其他"]), r["联系人姓名"], r["部门及职务"], r["联系手机"], r["邮箱地址"],
                tracks ?? [], YesNo(r, "暂无作品申报", problems) ?? false);
            var fieldProblems = RegistrationRules.Check(form, recommenderIds);
            foreach (var fp in fieldProblems) r.Problem(problems, fp.Message.ToString());
            var contacts = new List<UnitContact>();
            if (fieldProblems.Count == 0 && tracks is not null)
                contacts.Add(new UnitContact { CompetitionId = comp.Id, UnitId = unit.Id, Mobile = form.ContactMobile!.Trim(), Name = form.ContactName!.Trim(), IsPrimary = true, AddedAt = now });
            var second = (Name: r["第二联系人姓名"], Mobile: r["第二联系人手机"]);
            if (second.Name.Length > 0 || second.Mobile.Length > 0)
            {
                if (!RegistrationRules.IsMobile(second.Mobile)) r.Problem(problems, "第二联系人手机须为 11 位中国大陆手机号");
                else if (second.Name.Length is 0 or > 50) r.Problem(problems, "请填写第二联系人姓名（最多 50 个字）");
                else contacts.Add(new UnitContact { CompetitionId = comp.Id, UnitId = unit.Id, Mobile = second.Mobile, Name = second.Name, IsPrimary = false, AddedAt = now });
            }
            foreach (var c in contacts)
                if (!mobiles.Add(c.Mobile)) r.Problem(problems, $"手机号 {c.Mobile} 已是其他参赛单位的联系人");
            if (fieldProblems.Count > 0 || tracks is null) continue;
            regs.Add((unit, new UnitRegistration
            {
                UnitId = unit.Id, IsMember = form.IsMember!.Value, Address = form.Address!.Trim(), Postcode = form.Postcode!.Trim(),
                NatureOther = form.Nature == RegistrationChoices.Other ? form.NatureOther?.Trim() : null, KeyField = form.KeyField!.Trim(),
                Specialised = form.Specialised!.Value, KeyIndustry = form.KeyIndustry!.Trim(),
                KeyIndustryOther = form.KeyIndustry?.Trim() == RegistrationChoices.Other ? form.KeyIndustryOther?.Trim() : null,
                ContactName = form.ContactName!.Trim(), ContactPost = form.ContactPost!.Trim(), ContactEmail = form.ContactEmail!.Trim(),
                PlannedTracks = string.Join(',', tracks.Distinct().Order()), NoEntryYet = form.NoEntryYet, RegisteredAt = now, UpdatedAt = now,
            }, contacts));
        }

        // Draft declarations (附件2 (二)): only registered units, within the unit's limits (entries and drafts count).
        var drafts = new List<EntryDeclaration>();
        var declPath = Path.Combine(seedsPath, DeclarationsFile);
        if (File.Exists(declPath))
        {
            var held = (await db.Entries.AsNoTracking().Where(e => e.CompetitionId == comp.Id).Select(e => new { e.UnitId, e.Track }).ToListAsync(ct))
                .GroupBy(e => (e.UnitId, e.Track)).ToDictionary(g => g.Key, g => g.Count());
            var declTable = CsvTable.Read(DeclarationsFile, await File.ReadAllBytesAsync(declPath, ct), DeclarationColumns, problems);
            foreach (var r in declTable?.Rows ?? [])
            {
                if (r.Required("参赛单位", problems) is not { } name) continue;
                if (!units.TryGetValue(name, out var unit)) { r.Problem(problems, $"参赛单位“{name}”不在 units.csv 中"); continue; }
                if (regTable is not null && regTable.Rows.All(x => x["参赛单位"] != name)) { r.Problem(problems, $"参赛单位“{name}”不在 {RegistrationsFile} 中（先报名，再申报）"); continue; }
                if (ChineseNames.ParseTrack(r["赛道"]) is not { } track) { r.Problem(problems, $"“赛道”须为“演讲”“微电影”或“创新案例”，实际为“{r["赛道"]}”"); continue; }
                int? minutes = null;
                if (r["作品时长分钟"].Length > 0)
                {
                    if (!int.TryParse(r["作品时长分钟"], out var m)) { r.Problem(problems, $"“作品时长分钟”须为整数，实际为“{r["作品时长分钟"]}”"); continue; }
                    if (track == Track.InnovationCase) { r.Problem(problems, "创新案例不填“作品时长分钟”（案例篇幅取自上传的文档）"); continue; }
                    minutes = m;
                }
                var commitments = Split(r["承诺"]).Select(x => x == "是").ToList();
                if (Split(r["承诺"]).Any(x => x is not ("是" or "否")) || commitments.Count is not (0 or 3))
                { r.Problem(problems, $"“承诺”须为三个“是”或“否”，以“、”分隔，实际为“{r["承诺"]}”"); continue; }
                var form = new DeclarationForm(Blank(r["参赛作品名称"]), Blank(r["作品类别"]), minutes, Blank(r["主创者"]), Blank(r["联系人姓名"]), Blank(r["联系地址"]),
                    Blank(r["联系部门"]), Blank(r["职务"]), Blank(r["联系手机"]), Blank(r["电子邮箱"]), Blank(r["内容简介"]), Split(r["曾获荣誉"]), Blank(r["其它荣誉"]), commitments);
                var fieldProblems = DeclarationRules.Check(form, track, submitting: false);
                foreach (var fp in fieldProblems) r.Problem(problems, fp.Message.ToString());
                var n = held.GetValueOrDefault((unit.Id, track));
                if (EntryLimits.Refusal(track, n) is { } over) { r.Problem(problems, over.ToString()); continue; }
                held[(unit.Id, track)] = n + 1;
                if (fieldProblems.Count > 0) continue;
                drafts.Add(new EntryDeclaration
                {
                    CompetitionId = comp.Id, UnitId = unit.Id, Track = track, Status = DeclarationStatus.Draft, Revision = 1,
                    Title = form.Title, Category = form.Category, DurationMinutes = minutes, Creator = form.Creator, ContactName = form.ContactName,
                    ContactAddress = form.ContactAddress, ContactDept = form.ContactDept, ContactPost = form.ContactPost, ContactMobile = form.ContactMobile,
                    ContactEmail = form.ContactEmail, Synopsis = form.Synopsis, Honours = string.Join('|', form.Honours.Distinct()), HonourOther = form.HonourOther,
                    Commitments = new string(commitments.Select(b => b ? '1' : '0').ToArray()), CreatedAt = now, UpdatedAt = now,
                });
            }
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Registration seeds in " + seedsPath + " were not loaded:\n" + string.Join("\n", problems));
        if (regs.Count == 0) return nothing;

        // The recommender "in progress": the one most seeded registrations chose (ties: the lower id).
        var recommenderId = regs.GroupBy(x => x.Unit.RecommenderId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var firstEntries = await db.Entries.AsNoTracking()
            .Where(e => e.CompetitionId == comp.Id && db.Units.Any(u => u.Id == e.UnitId && u.RecommenderId == recommenderId))
            .OrderBy(e => e.Code).Select(e => e.Id).Take(2).ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (_, reg, contacts) in regs)
        {
            db.Add(reg);
            db.AddRange(contacts);
        }
        db.AddRange(drafts);
        // The link itself is issued (and printed) at every start until it is used: ReissueSeedInviteAsync.
        db.Add(new RecommenderInvite { TokenHash = SetupLink.Hash(NewToken()), RecommenderId = recommenderId, CreatedAt = now, CreatedBy = SeedActor });
        for (var i = 0; i < firstEntries.Count; i++)
            db.Add(new RecommendationOpinion
            {
                RecommenderId = recommenderId, EntryId = firstEntries[i], Position = i + 1, UpdatedAt = now, UpdatedBy = SeedActor,
                Recommend = i == 0 ? true : null, Text = i == 0 ? SeedOpinionText : null,
            });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = SeedActor, Action = "导入报名种子数据", Subject = comp.Name,
            After = $"报名单位 {regs.Count} 家；申报草稿 {drafts.Count} 份；推荐单位登录链接 1 个；推荐意见 {firstEntries.Count} 条",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Seeded {Registrations} unit registrations and {Drafts} draft declarations from {Dir}", regs.Count, drafts.Count, seedsPath);
        return new Outcome(regs.Count, drafts.Count, recommenderId);
    }

    /// <summary>
    /// The seeded recommender's sign-in link, issued afresh at each start while it is still unused (as the first-run
    /// <see cref="SetupLink"/>): when an unused invite made by <see cref="SeedActor"/> exists and no account has that
    /// recommender yet, the unused seed invites are retired and a new one is stored (SHA-256 only). Returns the token and the
    /// recommender's name to print as <c>/recommender/invite/{token}</c>, or null when there is nothing to print (no seed
    /// invite, already used, or replaced by an organiser's link).
    /// </summary>
    public static async Task<(string Token, string RecommenderName)?> ReissueSeedInviteAsync(JudgingDb db, TimeProvider clock, CancellationToken ct)
    {
        // At most one unused seed invite exists (each start retires the previous one).
        var seed = await db.Set<RecommenderInvite>().AsNoTracking().Where(i => i.CreatedBy == SeedActor && i.UsedAt == null).FirstOrDefaultAsync(ct);
        if (seed is null) return null;
        var recommenderId = seed.RecommenderId;
        if (await db.Users.AnyAsync(u => u.RecommenderId == recommenderId, ct)
            || await db.Set<RecommenderInvite>().AnyAsync(i => i.RecommenderId == recommenderId && i.CreatedBy != SeedActor, ct))
            return null;
        var name = await db.Recommenders.AsNoTracking().Where(r => r.Id == recommenderId).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        await db.Set<RecommenderInvite>().Where(i => i.CreatedBy == SeedActor && i.UsedAt == null && i.RecommenderId == recommenderId).ExecuteDeleteAsync(ct);
        var token = NewToken();
        db.Add(new RecommenderInvite { TokenHash = SetupLink.Hash(token), RecommenderId = recommenderId, CreatedAt = clock.GetUtcNow(), CreatedBy = SeedActor });
        await db.SaveChangesAsync(ct);
        return (token, name);
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static string? Blank(string s) => s.Length == 0 ? null : s;

    private static List<string> Split(string s) => s.Split(['、', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool? YesNo(CsvRow r, string column, List<ImportProblem> problems)
    {
        switch (r[column])
        {
            case "是": return true;
            case "否": return false;
            default: r.Problem(problems, $"“{column}”须为“是”或“否”，实际为“{r[column]}”"); return null;
        }
    }

    private static List<Track>? ParseTracks(CsvRow r, string column, List<ImportProblem> problems)
    {
        var tracks = new List<Track>();
        foreach (var word in Split(r[column]))
        {
            if (ChineseNames.ParseTrack(word) is { } t) tracks.Add(t);
            else { r.Problem(problems, $"“{column}”须为“演讲”“微电影”“创新案例”，以“、”分隔，实际有“{word}”"); return null; }
        }
        return tracks;
    }
}
