namespace Judging.App.Registration;

using System.Data;
using System.Globalization;
using Judging.App.Accounts;
using Judging.App.Cases;
using Judging.App.Components.Shared;
using Judging.App.Persistence;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>Counts of one track (issue 15, "Organiser": counts per track).</summary>
/// <param name="Track">赛道.</param>
/// <param name="PlannedUnits">Units whose registration plans the track (拟申报作品).</param>
/// <param name="Drafts">Draft declarations (草稿; withdrawn ones not counted).</param>
/// <param name="Submitted">Declarations submitted online (each is an entry).</param>
/// <param name="Imported">Entries of the track that came by the CSV import (no declaration).</param>
public sealed record TrackCount(Track Track, int PlannedUnits, int Drafts, int Submitted, int Imported);

/// <summary>
/// Counts of one group of units (a district, a 重点产业 or its group, a 单位性质): units, and their declarations and entries.
/// </summary>
/// <param name="Name">The group's name as stored (Chinese: 浦东新区, 集成电路, 民营, <see cref="RegistrationDashboard.GroupRecommended"/>,
/// <see cref="RegistrationDashboard.NotGiven"/>).</param>
/// <param name="Units">Units in the group (imported ones too).</param>
/// <param name="Registered">Of them, units that completed the online registration.</param>
/// <param name="Drafts">Their draft declarations.</param>
/// <param name="Submitted">Their declarations submitted online.</param>
/// <param name="Imported">Their entries imported by CSV.</param>
/// <param name="Items">The group's parts (重点产业 within 三大先导产业 …), or empty.</param>
public sealed record GroupCount(string Name, int Units, int Registered, int Drafts, int Submitted, int Imported, IReadOnlyList<GroupCount> Items);

/// <summary>Counts of one recommender (推荐单位) and where its recommendation stands (附件3).</summary>
/// <param name="Id">Recommender id.</param>
/// <param name="Name">推荐单位.</param>
/// <param name="Kind">区市场监管局 or 产业集团.</param>
/// <param name="Units">Units that chose it.</param>
/// <param name="Registered">Of them, registered online.</param>
/// <param name="Drafts">Their draft declarations.</param>
/// <param name="Submitted">Their declarations submitted online.</param>
/// <param name="Imported">Their entries imported by CSV.</param>
/// <param name="Opinions">Entries it has given an opinion on (推荐 or 不推荐).</param>
/// <param name="RecommendationSubmittedAt">When it submitted its recommendation (UTC), or null.</param>
/// <param name="StampedScan">True once the stamped scan of its table is uploaded.</param>
public sealed record RecommenderCount(int Id, string Name, string Kind, int Units, int Registered, int Drafts, int Submitted, int Imported,
    int Opinions, DateTimeOffset? RecommendationSubmittedAt, bool StampedScan)
{
    /// <summary>Complete: submitted and the stamped scan uploaded.</summary>
    public bool Complete => RecommendationSubmittedAt is not null && StampedScan;
}

/// <summary>One unit in the organiser's grid: its registration fields (附件2 (一)) with the contacts' mobiles masked.</summary>
/// <param name="UnitId">Unit id.</param>
/// <param name="Name">单位名称.</param>
/// <param name="Recommender">推荐单位.</param>
/// <param name="District">区 (a district bureau's district) or <see cref="RegistrationDashboard.GroupRecommended"/>.</param>
/// <param name="Nature">单位性质, with the 其他 text ("其他（协会）").</param>
/// <param name="Registered">True when the unit completed the online form (false: imported by CSV only).</param>
/// <param name="IsMember">会员单位, or null when not registered.</param>
/// <param name="KeyField">重点领域, or null.</param>
/// <param name="Specialised">专精特新, or null.</param>
/// <param name="KeyIndustry">重点产业, with the 其他 text, or null.</param>
/// <param name="IndustryGroup">The notice's group of the 重点产业 (三大先导产业 …), or null.</param>
/// <param name="Address">单位地址, or null.</param>
/// <param name="Postcode">邮编, or null.</param>
/// <param name="ContactName">联系人, or null.</param>
/// <param name="ContactPost">部门及职务, or null.</param>
/// <param name="ContactEmail">邮箱, or null.</param>
/// <param name="Contacts">Every contact that signs in: "张三 138****8000" joined by "；" (mobiles masked).</param>
/// <param name="PlannedTracks">拟申报作品.</param>
/// <param name="NoEntryYet">参加活动，暂无作品申报.</param>
/// <param name="RegisteredAt">When registered (UTC), or null.</param>
/// <param name="Drafts">Draft declarations.</param>
/// <param name="Submitted">Declarations submitted online.</param>
/// <param name="Imported">Entries imported by CSV.</param>
/// <param name="Lifts">Per track the limit the organiser lifted it to (latest lift), empty when none.</param>
public sealed record UnitLine(int UnitId, string Name, string Recommender, string District, string Nature, bool Registered, bool? IsMember,
    string? KeyField, bool? Specialised, string? KeyIndustry, string? IndustryGroup, string? Address, string? Postcode, string? ContactName,
    string? ContactPost, string? ContactEmail, string Contacts, IReadOnlyList<Track> PlannedTracks, bool NoEntryYet, DateTimeOffset? RegisteredAt,
    int Drafts, int Submitted, int Imported, IReadOnlyDictionary<Track, int> Lifts);

/// <summary>One declaration or entry in the organiser's grid.</summary>
/// <param name="DeclarationId">The declaration, or null for an entry imported by CSV.</param>
/// <param name="EntryId">The entry (once submitted, or imported), or null for a draft.</param>
/// <param name="Code">作品编号, or null for a draft.</param>
/// <param name="Title">作品名称 ("" when a draft has none yet).</param>
/// <param name="UnitId">The unit.</param>
/// <param name="UnitName">参赛单位.</param>
/// <param name="Recommender">推荐单位.</param>
/// <param name="Track">赛道.</param>
/// <param name="Status">草稿 / 已提交, or null for an entry imported by CSV.</param>
/// <param name="Category">作品类别, or null.</param>
/// <param name="DurationMinutes">作品时长 (minutes), or null.</param>
/// <param name="Creator">主创者 (declaration) or presenter (entry), or null.</param>
/// <param name="Review">形式审查 status of the entry, or null for a draft.</param>
/// <param name="Recommend">The recommender's opinion: true 推荐, false 不推荐, null not yet.</param>
/// <param name="RecommendationSubmitted">True when the unit's recommender has submitted its recommendation.</param>
/// <param name="SubmittedAt">When submitted online (UTC), or null.</param>
/// <param name="UpdatedAt">Last saved (UTC), or null for an imported entry.</param>
public sealed record EntryLine(int? DeclarationId, int? EntryId, string? Code, string Title, int UnitId, string UnitName, string Recommender,
    Track Track, DeclarationStatus? Status, string? Category, int? DurationMinutes, string? Creator, FormalReviewStatus? Review,
    bool? Recommend, bool RecommendationSubmitted, DateTimeOffset? SubmittedAt, DateTimeOffset? UpdatedAt);

/// <summary>The registrations dashboard of one competition (issue 15, "Organiser").</summary>
/// <param name="CompetitionId">The competition.</param>
/// <param name="CompetitionName">大赛.</param>
/// <param name="Calendar">The intake dates (organiser's or seed 000's).</param>
/// <param name="ByTrack">Per track, in the enum's order.</param>
/// <param name="ByRecommender">Per recommender, district bureaus first, then by name.</param>
/// <param name="ByDistrict">Per district, by name; group recommenders' units together as <see cref="RegistrationDashboard.GroupRecommended"/> last.</param>
/// <param name="ByIndustry">Per 重点产业 group in the notice's order, each with its industries; <see cref="RegistrationDashboard.NotGiven"/> last.</param>
/// <param name="ByNature">Per 单位性质 in the notice's order, then any other stored value.</param>
/// <param name="Units">Every unit of the competition, by name.</param>
/// <param name="Entries">Drafts, submitted declarations and imported entries, by code (drafts last).</param>
public sealed record RegistrationOverview(int CompetitionId, string CompetitionName, IntakeCalendar Calendar, IReadOnlyList<TrackCount> ByTrack,
    IReadOnlyList<RecommenderCount> ByRecommender, IReadOnlyList<GroupCount> ByDistrict, IReadOnlyList<GroupCount> ByIndustry,
    IReadOnlyList<GroupCount> ByNature, IReadOnlyList<UnitLine> Units, IReadOnlyList<EntryLine> Entries)
{
    /// <summary>Units registered online.</summary>
    public int Registered => Units.Count(u => u.Registered);
}

/// <summary>A table to export: the header and the rows (cells as shown, null empty).</summary>
/// <param name="Header">Column titles in the reader's language.</param>
/// <param name="Rows">One array per row, as long as <paramref name="Header"/>.</param>
public sealed record ExportTable(IReadOnlyList<string> Header, IReadOnlyList<string?[]> Rows);

/// <summary>
/// The organiser's read model of online registration (issue 15, "Organiser": a registrations dashboard with counts per track,
/// recommender, district, industry and 单位性质; units and entries in grids, exported as CSV with a BOM and as .xlsx). Reads
/// only; the page <c>/organiser/registrations/{id}</c> and <c>GET /api/competitions/{id}/registrations</c> use it. The
/// grids' column titles follow the request's UI culture (Resources/Registration/RegistrationDashboard.en.resx). Scoped.
/// </summary>
public sealed class RegistrationDashboard(JudgingDb db, RegistrationService registration)
{
    /// <summary>The district of the units whose recommender is a group company (产业集团): 集团推荐.</summary>
    public const string GroupRecommended = "集团推荐";

    /// <summary>The group of units that left a field blank (units imported by CSV have no 重点产业): 未填写.</summary>
    public const string NotGiven = "未填写";

    /// <summary>
    /// The district of a recommender: a 区市场监管局's name without "市场监管局" / "市场监督管理局" (浦东新区市场监管局 → 浦东新区);
    /// a group company (any other kind) → <see cref="GroupRecommended"/>.
    /// </summary>
    public static string District(Recommender? r)
    {
        if (r is null) return NotGiven;
        if (r.Kind != "区市场监管局") return GroupRecommended;
        foreach (var suffix in (string[])["市场监督管理局", "市场监管局"])
            if (r.Name.EndsWith(suffix, StringComparison.Ordinal) && r.Name.Length > suffix.Length) return r.Name[..^suffix.Length];
        return r.Name;
    }

    /// <summary>The notice's group of a 重点产业 (集成电路 → 三大先导产业; 其他 → 其他), or null for a value not in the list.</summary>
    public static string? IndustryGroup(string? industry) =>
        RegistrationChoices.KeyIndustryGroups.FirstOrDefault(g => g.Items.Contains(industry ?? ""))?.Name;

    /// <summary>The dashboard of <paramref name="competitionId"/>, or null when there is no such competition.</summary>
    public async Task<RegistrationOverview?> LoadAsync(int competitionId, CancellationToken ct)
    {
        var comp = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, ct);
        if (comp is null) return null;
        var recommenders = await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId).ToDictionaryAsync(r => r.Id, ct);
        var units = await db.Units.AsNoTracking().Where(u => u.CompetitionId == competitionId).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var regs = await db.Set<UnitRegistration>().AsNoTracking().Where(r => unitIds.Contains(r.UnitId)).ToDictionaryAsync(r => r.UnitId, ct);
        var contacts = (await db.Set<UnitContact>().AsNoTracking().Where(c => c.CompetitionId == competitionId).ToListAsync(ct)).ToLookup(c => c.UnitId);
        var decls = await db.Set<EntryDeclaration>().AsNoTracking()
            .Where(d => d.CompetitionId == competitionId && d.Status != DeclarationStatus.Withdrawn).ToListAsync(ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId).ToDictionaryAsync(e => e.Id, ct);
        var entryIds = entries.Keys.ToList();
        var declared = decls.Where(d => d.EntryId is not null).Select(d => d.EntryId!.Value).ToHashSet();
        var reviews = (await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => entryIds.Contains(r.EntryId)).ToListAsync(ct)).ToLookup(r => r.EntryId);
        var recommenderIds = recommenders.Keys.ToList();
        var opinions = (await db.Set<RecommendationOpinion>().AsNoTracking().Where(o => recommenderIds.Contains(o.RecommenderId)).ToListAsync(ct))
            .ToDictionary(o => (o.RecommenderId, o.EntryId));
        var submissions = (await db.Set<RecommendationSubmission>().AsNoTracking().Where(s => recommenderIds.Contains(s.RecommenderId) && s.ReopenedAt == null).ToListAsync(ct))
            .GroupBy(s => s.RecommenderId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Id)!);
        var lifts = (await db.Set<UnitLimitLift>().AsNoTracking().Where(l => unitIds.Contains(l.UnitId)).ToListAsync(ct))
            .GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Track, int>)g.GroupBy(l => l.Track).ToDictionary(t => t.Key, t => t.MaxBy(l => l.Id)!.Limit));

        string RecommenderName(int id) => recommenders.TryGetValue(id, out var r) ? r.Name : "";
        var unitById = units.ToDictionary(u => u.Id);

        // The entries' lines: declarations (drafts and submitted), then entries that came by CSV.
        var lines = new List<EntryLine>();
        foreach (var d in decls)
        {
            var u = unitById.GetValueOrDefault(d.UnitId);
            var e = d.EntryId is { } id ? entries.GetValueOrDefault(id) : null;
            lines.Add(Line(d.Id, e, d.Title ?? "", d.UnitId, d.Track, d.Status, d.Category, d.DurationMinutes, d.Creator, d.SubmittedAt, d.UpdatedAt, u));
        }
        foreach (var e in entries.Values.Where(e => !declared.Contains(e.Id)))
            lines.Add(Line(null, e, e.Title, e.UnitId, e.Track, null, null, e.DurationMinutes, e.Presenter, null, null, unitById.GetValueOrDefault(e.UnitId)));
        EntryLine Line(int? declId, Entry? e, string title, int unitId, Track track, DeclarationStatus? status, string? category, int? minutes,
            string? creator, DateTimeOffset? submittedAt, DateTimeOffset? updatedAt, Unit? u)
        {
            var rid = u?.RecommenderId ?? 0;
            var submitted = submissions.ContainsKey(rid);
            bool? recommend = e is not null && submitted && opinions.TryGetValue((rid, e.Id), out var op) ? op.Recommend : null;
            return new EntryLine(declId, e?.Id, e?.Code, e?.Title ?? title, unitId, u?.Name ?? "", RecommenderName(rid), track, status, category, minutes,
                string.IsNullOrWhiteSpace(creator) ? null : creator, e is null ? null : FormalReview.StatusOf(reviews[e.Id].OrderBy(r => r.At).ThenBy(r => r.Id)),
                recommend, submitted, submittedAt, updatedAt);
        }
        lines = lines.OrderBy(l => l.Code is null).ThenBy(l => l.Code, StringComparer.Ordinal).ThenBy(l => l.UnitName, StringComparer.Ordinal).ThenBy(l => l.DeclarationId).ToList();
        var byUnit = lines.ToLookup(l => l.UnitId);

        var unitLines = units.OrderBy(u => u.Name, StringComparer.Ordinal).Select(u =>
        {
            var reg = regs.GetValueOrDefault(u.Id);
            var own = byUnit[u.Id].ToList();
            var industry = reg is null ? null : reg.KeyIndustry == RegistrationChoices.Other && reg.KeyIndustryOther is { } io ? $"{reg.KeyIndustry}（{io}）" : reg.KeyIndustry;
            return new UnitLine(u.Id, u.Name, RecommenderName(u.RecommenderId), District(recommenders.GetValueOrDefault(u.RecommenderId)),
                reg?.NatureOther is { } no ? $"{u.Nature}（{no}）" : u.Nature, reg is not null, reg?.IsMember, reg?.KeyField, reg?.Specialised, industry,
                reg is null ? null : IndustryGroup(reg.KeyIndustry), reg?.Address, reg?.Postcode, reg?.ContactName, reg?.ContactPost, reg?.ContactEmail,
                string.Join("；", contacts[u.Id].OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Id).Select(c => $"{c.Name} {MaskMobile(c.Mobile)}")),
                reg is null ? [] : reg.PlannedTracks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => Enum.TryParse<Track>(t, out var x) ? (Track?)x : null).OfType<Track>().ToList(),
                reg?.NoEntryYet ?? false, reg?.RegisteredAt,
                own.Count(l => l.Status == DeclarationStatus.Draft), own.Count(l => l.Status == DeclarationStatus.Submitted), own.Count(l => l.Status is null),
                lifts.GetValueOrDefault(u.Id) ?? new Dictionary<Track, int>());
        }).ToList();

        var byTrack = Enum.GetValues<Track>().Select(t => new TrackCount(t,
            unitLines.Count(u => u.PlannedTracks.Contains(t)),
            lines.Count(l => l.Track == t && l.Status == DeclarationStatus.Draft),
            lines.Count(l => l.Track == t && l.Status == DeclarationStatus.Submitted),
            lines.Count(l => l.Track == t && l.Status is null))).ToList();

        GroupCount Count(string name, IEnumerable<UnitLine> group, IReadOnlyList<GroupCount>? items = null)
        {
            var g = group.ToList();
            return new GroupCount(name, g.Count, g.Count(u => u.Registered), g.Sum(u => u.Drafts), g.Sum(u => u.Submitted), g.Sum(u => u.Imported), items ?? []);
        }

        var byRecommender = recommenders.Values.OrderBy(r => r.Kind == "区市场监管局" ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r =>
        {
            var c = Count(r.Name, unitLines.Where(u => unitById[u.UnitId].RecommenderId == r.Id));
            var s = submissions.GetValueOrDefault(r.Id);
            var given = opinions.Values.Count(o => o.RecommenderId == r.Id && o.Recommend is not null);
            return new RecommenderCount(r.Id, r.Name, r.Kind, c.Units, c.Registered, c.Drafts, c.Submitted, c.Imported, given, s?.SubmittedAt, s?.StampedScanName is not null);
        }).ToList();

        var byDistrict = unitLines.GroupBy(u => u.District)
            .OrderBy(g => g.Key == GroupRecommended ? 1 : g.Key == NotGiven ? 2 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Count(g.Key, g)).ToList();

        var byIndustry = RegistrationChoices.KeyIndustryGroups
            .Select(g => Count(g.Name, unitLines.Where(u => u.IndustryGroup == g.Name),
                g.Items.Count == 1 && g.Items[0] == g.Name ? [] : g.Items.Select(i => Count(i, unitLines.Where(u => regs.TryGetValue(u.UnitId, out var r) && r.KeyIndustry == i))).ToList()))
            .Append(Count(NotGiven, unitLines.Where(u => u.IndustryGroup is null)))
            .ToList();

        var natures = RegistrationChoices.Natures.Concat(units.Select(u => u.Nature).Where(n => !RegistrationChoices.Natures.Contains(n)).Distinct().Order(StringComparer.Ordinal));
        var byNature = natures.Select(n => Count(n, units.Where(u => u.Nature == n).Select(u => unitLines.First(l => l.UnitId == u.Id)))).ToList();

        return new RegistrationOverview(comp.Id, comp.Name, await registration.CalendarAsync(competitionId, ct), byTrack, byRecommender, byDistrict,
            byIndustry, byNature, unitLines, lines);
    }

    /// <summary>"138****8000" for an 11-digit mobile; anything else as "***".</summary>
    public static string MaskMobile(string? mobile) =>
        mobile is { Length: 11 } m && m.All(char.IsAsciiDigit) ? FilmVoting.PhoneVerification.Mask(m) : "***";

    /// <summary>The counts as <c>GET /api/competitions/{id}/registrations</c> answers them (names stored in Chinese; tracks by enum name).</summary>
    public static object Json(RegistrationOverview o)
    {
        static object G(GroupCount g) => new
        {
            name = g.Name, units = g.Units, registered = g.Registered, drafts = g.Drafts, submitted = g.Submitted, imported = g.Imported,
            items = g.Items.Select(G).ToList(),
        };
        return new
        {
            competitionId = o.CompetitionId, competition = o.CompetitionName,
            totals = new
            {
                units = o.Units.Count, registered = o.Registered,
                drafts = o.Entries.Count(e => e.Status == DeclarationStatus.Draft),
                submitted = o.Entries.Count(e => e.Status == DeclarationStatus.Submitted),
                imported = o.Entries.Count(e => e.Status is null),
            },
            byTrack = o.ByTrack.Select(t => new { track = t.Track.ToString(), name = ChineseNames.Of(t.Track), plannedUnits = t.PlannedUnits, drafts = t.Drafts, submitted = t.Submitted, imported = t.Imported }),
            byRecommender = o.ByRecommender.Select(r => new
            {
                id = r.Id, name = r.Name, kind = r.Kind, units = r.Units, registered = r.Registered, drafts = r.Drafts, submitted = r.Submitted,
                imported = r.Imported, opinions = r.Opinions, recommendationSubmittedAt = r.RecommendationSubmittedAt is { } at ? ShanghaiTime.ToLocal(at) : (DateTimeOffset?)null,
                stampedScan = r.StampedScan, complete = r.Complete,
            }),
            byDistrict = o.ByDistrict.Select(G),
            byIndustry = o.ByIndustry.Select(G),
            byNature = o.ByNature.Select(G),
        };
    }
}

/// <summary>
/// The dashboard's words and export tables in the request's UI culture (zh-CN keys, English in
/// Resources/Registration/RegistrationDashboard.en.resx): names of tracks, statuses and groups, and the two grids as
/// <see cref="ExportTable"/>s written as CSV (UTF-8 with BOM) or .xlsx. No database; transient.
/// </summary>
public sealed class RegistrationWords(IStringLocalizer<RegistrationDashboard> L)
{
    /// <summary>A track's name in the reader's language (演讲 / 微电影 / 创新案例).</summary>
    public string TrackName(Track t) => t switch
    {
        Track.Speech => L["演讲"],
        Track.MicroFilm => L["微电影"],
        Track.InnovationCase => L["创新案例"],
        _ => t.ToString(),
    };

    /// <summary>A declaration's status in the reader's language: 草稿 / 已提交, or CSV 导入 for an entry without a declaration.</summary>
    public string StatusName(DeclarationStatus? s) => s switch
    {
        DeclarationStatus.Draft => L["草稿"],
        DeclarationStatus.Submitted => L["已提交"],
        DeclarationStatus.Withdrawn => L["已撤回"],
        _ => L["CSV 导入"],
    };

    /// <summary>A formal-review status in the reader's language, or "—" for a draft.</summary>
    public string ReviewName(FormalReviewStatus? s) => s switch
    {
        FormalReviewStatus.AwaitingDocument => L["未提交材料"],
        FormalReviewStatus.Submitted => L["待审查"],
        FormalReviewStatus.Returned => L["已退回修改"],
        FormalReviewStatus.Resubmitted => L["已重新提交"],
        FormalReviewStatus.Accepted => L["已通过"],
        _ => "—",
    };

    /// <summary>A recommendation's status in the reader's language: 推荐 / 不推荐 once the recommender submitted, else 未提交推荐.</summary>
    public string RecommendationName(EntryLine l) =>
        !l.RecommendationSubmitted ? L["未提交推荐"] : l.Recommend switch { true => L["推荐"], false => L["不推荐"], _ => L["未填写意见"] };

    /// <summary>A group's name in the reader's language: the stored Chinese (district, industry, nature …) worded where the resources know it.</summary>
    public string GroupName(string name) => L[name];

    private string YesNo(bool? b) => b switch { true => L["是"], false => L["否"], _ => "" };

    /// <summary>The units grid as a table (its columns, in the reader's language; mobiles masked).</summary>
    public ExportTable UnitsTable(IEnumerable<UnitLine> units) => new(
        [L["单位名称"], L["推荐单位"], L["所在区"], L["单位性质"], L["在线报名"], L["会员单位"], L["重点领域"], L["专精特新"], L["重点产业"], L["产业类别"],
         L["单位地址"], L["邮编"], L["联系人"], L["部门及职务"], L["邮箱"], L["联系手机（隐去中间四位）"], L["拟申报作品"], L["报名时间（北京时间）"],
         L["草稿"], L["已提交"], L["CSV 导入"], L["放宽申报数量"]],
        units.Select(u => new string?[]
        {
            u.Name, u.Recommender, GroupName(u.District), u.Nature, YesNo(u.Registered), YesNo(u.IsMember), u.KeyField, YesNo(u.Specialised), u.KeyIndustry,
            u.IndustryGroup, u.Address, u.Postcode, u.ContactName, u.ContactPost, u.ContactEmail, u.Contacts,
            u.NoEntryYet ? L["参加活动，暂无作品申报"] : string.Join("、", u.PlannedTracks.Select(TrackName)),
            u.RegisteredAt is { } at ? ShanghaiTime.Display(at) : null,
            N(u.Drafts), N(u.Submitted), N(u.Imported), LiftsText(u.Lifts),
        }).ToList());

    /// <summary>The lifted limits of a unit: "创新案例 2、演讲 6", or "".</summary>
    public string LiftsText(IReadOnlyDictionary<Track, int> lifts) => string.Join("、", lifts.OrderBy(kv => kv.Key).Select(kv => $"{TrackName(kv.Key)} {N(kv.Value)}"));

    /// <summary>The entries grid as a table (its columns, in the reader's language).</summary>
    public ExportTable EntriesTable(IEnumerable<EntryLine> entries) => new(
        [L["作品编号"], L["作品名称"], L["参赛单位"], L["推荐单位"], L["赛道"], L["申报状态"], L["作品类别"], L["时长（分钟）"], L["主创者"],
         L["形式审查"], L["推荐意见"], L["提交时间（北京时间）"], L["最后保存（北京时间）"]],
        entries.Select(l => new string?[]
        {
            l.Code, l.Title, l.UnitName, l.Recommender, TrackName(l.Track), StatusName(l.Status), l.Category,
            l.DurationMinutes?.ToString(CultureInfo.InvariantCulture), l.Creator, ReviewName(l.Review), RecommendationName(l),
            l.SubmittedAt is { } s ? ShanghaiTime.Display(s) : null, l.UpdatedAt is { } u ? ShanghaiTime.Display(u) : null,
        }).ToList());

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The table as CSV (the app's one writer, <see cref="CsvDownload"/>: UTF-8 with BOM, formulas escaped).</summary>
    public static byte[] Csv(ExportTable t) => CsvDownload.Write(t.Header, t.Rows);

    /// <summary>The .xlsx content type.</summary>
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The table as an .xlsx workbook of one sheet named <paramref name="sheet"/> (MiniExcel 1.46.0): the header row, then
    /// every cell as text (a title that starts with "=" stays text: cells are written as strings, never formulas).
    /// </summary>
    public static byte[] Xlsx(ExportTable t, string sheet)
    {
        var table = new DataTable(sheet);
        var names = new HashSet<string>();
        foreach (var h in t.Header)
        {
            var name = h;
            for (var i = 2; !names.Add(name); i++) name = $"{h} ({i})";
            table.Columns.Add(name, typeof(string));
        }
        foreach (var row in t.Rows) table.Rows.Add(row.Select(c => (object?)(c ?? "")).ToArray());
        using var ms = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(ms, table, sheetName: sheet);
        return ms.ToArray();
    }

}

/// <summary>The registrations dashboard's wiring: the service and its JSON endpoint (issue 15, "Organiser").</summary>
public static class RegistrationDashboardModule
{
    /// <summary>Registers <see cref="RegistrationDashboard"/> (scoped) and <see cref="RegistrationWords"/> (transient).</summary>
    public static IServiceCollection AddRegistrationDashboard(this IServiceCollection services) => services.AddScoped<RegistrationDashboard>().AddTransient<RegistrationWords>();

    /// <summary>
    /// <c>GET /api/competitions/{id}/registrations</c> (organisers; a present Origin must be this host): the counts of
    /// <see cref="RegistrationDashboard.Json"/>; 404 for an unknown competition.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistrationDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/competitions/{id:int}/registrations", async (int id, RegistrationDashboard dashboard, CancellationToken ct) =>
            await dashboard.LoadAsync(id, ct) is { } o ? Results.Ok(RegistrationDashboard.Json(o)) : Results.NotFound(new { error = "大赛不存在" }))
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .AddEndpointFilter(async (ctx, next) => Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));
        return app;
    }
}
