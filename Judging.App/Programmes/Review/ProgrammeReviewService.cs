namespace Judging.App.Programmes.Review;

using System.Text.Json;
using Judging.App.Finalists;
using Judging.App.Persistence;
using Judging.App.Programmes.Import;
using Judging.App.Programmes.Stages;
using Judging.App.ResultsEngine;
using Judging.Domain.Awards;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// One review edition as the organiser's page lists it (issue 16, "Expert review and defence: reuse, do not copy").
/// </summary>
/// <param name="EditionId">The edition.</param>
/// <param name="CompetitionId">Its competition (the existing pages take this id).</param>
/// <param name="Name">The competition's name, e.g. "2025—2026年上海市政府质量奖 · 评审".</param>
/// <param name="CategoryCode">The category reviewed, or null for all.</param>
/// <param name="Entries">Its entries (applications).</param>
/// <param name="Experts">Its experts (judges of the case track).</param>
/// <param name="FirstReviewRoundId">The 初评 round (online review console: /organiser/review/{id}).</param>
/// <param name="ReReviewRoundId">The 复评 round once the finalists (复评名单) are confirmed, or null.</param>
/// <param name="AwardsConfirmed">True once the awards (the results engine's tiers) are confirmed.</param>
/// <param name="Adopted">Applications whose proposal in force came from this edition's results.</param>
/// <param name="OpenedAt">When opened (UTC).</param>
/// <param name="Actor">Who opened it.</param>
public sealed record ReviewEditionRow(int EditionId, int CompetitionId, string Name, string? CategoryCode, int Entries, int Experts,
    int? FirstReviewRoundId, int? ReReviewRoundId, bool AwardsConfirmed, int Adopted, DateTimeOffset OpenedAt, string Actor);

/// <summary>An expert of an edition as the page lists it: code, name, organisation, sign-in code and the conflicts in force.</summary>
public sealed record ReviewExpertRow(string Code, string Name, string Affiliation, string AccessCode, string? ConflictUnit, string? ConflictGroup, string? ConflictRecommender);

/// <summary>The outcome of an action of <see cref="ProgrammeReviewService"/>: 200 with the id or count, or 400/404/409 with the reason (zh-CN <see cref="Wording"/>s).</summary>
/// <param name="Status">200, 400 (bad input), 404 (no such programme/edition), 409 (the state forbids it).</param>
/// <param name="Problems">Why not (empty when done).</param>
/// <param name="Id">The edition (open) or 0.</param>
/// <param name="Count">Experts added (import) or proposals written (adopt).</param>
public sealed record ProgrammeReviewChange(int Status, IReadOnlyList<Wording> Problems, int Id = 0, int Count = 0)
{
    /// <summary>True when done.</summary>
    public bool Ok => Status == 200;

    internal static ProgrammeReviewChange Fail(int status, Wording why) => new(status, [why]);
}

/// <summary>
/// The expert review of a programme (初评 / 书面评价, 复评 / 会审答辩; issue 16) on the existing competition machinery: a review
/// edition (<see cref="ProgrammeReviewEdition"/>) IS a <see cref="Competition"/> of the innovation-case track whose entries are the
/// programme's applications that passed the formal review, so the online review (assignment with conflicts, drafts,
/// outliers, normalisation), the 复评 list (finalists), the defence schedule, the live round and the results engine with
/// its audit packet apply unchanged. This service only opens the edition, adds its experts and reads its results back as
/// proposals (<see cref="ProgrammeProposal"/>). Every action is audited (Chinese). Scoped.
/// </summary>
/// <remarks>
/// The mapping (docs/programmes.md, "Expert review"):
/// <list type="bullet">
/// <item>Unit (参赛单位) = the applicant: the organisation (for 004 the nominated organisation, 被提名单位), or for a person
/// "所在单位 · 姓名"; nature 其他.</item>
/// <item>Group (集团) = the application's 所属集团 when the form has it; a person without one is grouped under their 所在单位, and
/// an organisation applicant of that name joins that group, so an expert of the workplace avoids both.</item>
/// <item>Recommender = the application's 推荐单位 or 提名单位 (004); <see cref="SelfApplied"/> when there is none.</item>
/// <item>Entry: 作品编号 = the application's reference, title = its title (or the applicant), presenter = the applicant.</item>
/// <item>Score sheets = the programme's score-sheets.csv (初评 → <see cref="RoundKind.FirstReview"/>, 复评 → ReReview), as the
/// case track's. Rounds: the 初评 round (online) now; the 复评 round is created by the existing finalist confirmation
/// (<see cref="TrackResultsService.ConfirmFinalistsAsync"/>) from the confirmed 复评 list, as for the cases.</item>
/// <item>The formal review already passed each application: its entry carries a 提交 + 通过 formal-review record, so the
/// case track's "formal review first" rule lets experts have it.</item>
/// </list>
/// </remarks>
public sealed class ProgrammeReviewService(JudgingDb db, ProgrammeStandings standings, TrackResultsService results, TimeProvider clock)
{
    /// <summary>The track an edition runs on: the innovation case track (初审 / 复审 with a defence).</summary>
    public const Track ReviewTrack = Track.InnovationCase;

    /// <summary>The recommender of an application without 推荐单位 / 提名单位 (自行申报), and of experts' own organisations.</summary>
    public const string SelfApplied = "自行申报";

    /// <summary>The actor of the formal-review records copied onto the entries.</summary>
    public const string FormalReviewActor = "评选项目形式审查";

    /// <summary>The columns of the experts CSV: 姓名, 工作单位 required; 所属集团, 推荐单位, 回避申报人, 评委编号, 角色 optional.</summary>
    public static readonly IReadOnlyList<string> ExpertColumns = ["姓名", "工作单位"];

    /// <summary>The optional columns of the experts CSV.</summary>
    public static readonly IReadOnlyList<string> ExpertOptionalColumns = ["所属集团", "推荐单位", "回避申报人", "评委编号", "角色"];

    /// <summary>The form fields read for a recommender, in order: 推荐单位 (001–003, when the form has it), 提名单位 (004).</summary>
    public static readonly IReadOnlyList<string> RecommenderFields = ["推荐单位", "提名单位"];

    /// <summary>The form field read for a group: 所属集团.</summary>
    public const string GroupField = "所属集团";

    /// <summary>The form field of a person's organisation: 所在单位.</summary>
    public const string WorkplaceField = "所在单位";

    /// <summary>The programme's editions, oldest first; null when there is no such programme.</summary>
    public async Task<(ProgrammeSummary Programme, IReadOnlyList<ReviewEditionRow> Editions)?> ListAsync(string code, CancellationToken ct)
    {
        var programme = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null) return null;
        var summary = new ProgrammeSummary(programme.Id, programme.Code, ProgrammeService.DefinitionOf(programme), 0, 0, 0);
        var editions = await db.Set<ProgrammeReviewEdition>().AsNoTracking().Where(e => e.ProgrammeId == programme.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var ids = editions.Select(e => e.CompetitionId).ToList();
        var names = await db.Competitions.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.CompetitionId)).GroupBy(e => e.CompetitionId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var judges = await db.Judges.AsNoTracking().Where(j => ids.Contains(j.CompetitionId)).GroupBy(j => j.CompetitionId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var rounds = await db.Rounds.AsNoTracking().Where(r => ids.Contains(r.CompetitionId) && r.Track == ReviewTrack).ToListAsync(ct);
        var settings = await db.Set<TrackSettings>().AsNoTracking().Where(s => ids.Contains(s.CompetitionId) && s.Track == ReviewTrack).ToDictionaryAsync(s => s.CompetitionId, ct);
        var stand = (await standings.LoadAsync(programme.Id, ct)).ToDictionary(s => s.ApplicationId);
        var editionIds = editions.Select(e => e.Id).ToList();
        var members = (await db.Set<ProgrammeReviewEntry>().AsNoTracking().Where(e => editionIds.Contains(e.EditionId)).ToListAsync(ct)).ToLookup(e => e.EditionId);
        return (summary, editions.Select(e =>
        {
            var s = settings.GetValueOrDefault(e.CompetitionId);
            var adopted = members[e.Id].Count(m => stand.GetValueOrDefault(m.ApplicationId)?.Proposal is { Source: ProgrammeStandings.ReviewSource });
            return new ReviewEditionRow(e.Id, e.CompetitionId, names.GetValueOrDefault(e.CompetitionId, ""), e.CategoryCode,
                entries.GetValueOrDefault(e.CompetitionId), judges.GetValueOrDefault(e.CompetitionId),
                rounds.FirstOrDefault(r => r.CompetitionId == e.CompetitionId && r.Kind == RoundKind.FirstReview)?.Id,
                s?.FinalRoundId, s?.AwardsConfirmedAt is not null, adopted, e.At, e.Actor);
        }).ToList());
    }

    /// <summary>The experts of the edition's competition, by code (with their sign-in codes: the page is the organiser's).</summary>
    public async Task<IReadOnlyList<ReviewExpertRow>> ExpertsAsync(int competitionId, CancellationToken ct)
    {
        var judges = await db.Judges.AsNoTracking().Where(j => j.CompetitionId == competitionId).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.CompetitionId == competitionId).ToDictionaryAsync(u => u.Id, ct);
        var groups = await db.Groups.AsNoTracking().Where(g => g.CompetitionId == competitionId).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var recs = await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return judges.OrderBy(j => j.Code, StringComparer.Ordinal).Select(j =>
        {
            var unit = j.ConflictUnitId is { } u ? units.GetValueOrDefault(u) : null;
            return new ReviewExpertRow(j.Code, j.Name, j.Affiliation, j.AccessCode, unit?.Name,
                unit?.GroupId is { } g ? groups.GetValueOrDefault(g) : null, j.ConflictRecommenderId is { } r ? recs.GetValueOrDefault(r) : null);
        }).ToList();
    }

    /// <summary>
    /// Opens the review edition of programme <paramref name="code"/> (one category, or all when <paramref name="categoryCode"/> is
    /// null), in one transaction: the competition "&lt;programme&gt; · 评审" (or "&lt;programme&gt; · &lt;category&gt; · 评审"), its groups,
    /// recommenders, units and entries from the applications that passed the formal review, the score sheets of score-sheets.csv,
    /// the online 初评 round with every entry, the edition and its entry rows; audited ("开设专家评审").
    /// Refused: no such programme (404) or category (400); no score sheets (409); nothing passed the formal review (409); an
    /// edition already covers these applications (409: one for the category, or one for all categories).
    /// </summary>
    public async Task<ProgrammeReviewChange> OpenAsync(string code, string? categoryCode, string actor, CancellationToken ct)
    {
        var programme = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null) return ProgrammeReviewChange.Fail(404, Wording.Of("没有这个评选项目"));
        var definition = ProgrammeService.DefinitionOf(programme);
        categoryCode = string.IsNullOrWhiteSpace(categoryCode) ? null : categoryCode.Trim();
        var category = categoryCode is null ? null : definition.Categories.FirstOrDefault(c => c.Code == categoryCode);
        if (categoryCode is not null && category is null) return ProgrammeReviewChange.Fail(400, Wording.Of("没有奖项类别“{0}”", categoryCode));
        var first = definition.ScoreSheets.FirstOrDefault(s => s.Round == RoundKind.FirstReview);
        var second = definition.ScoreSheets.FirstOrDefault(s => s.Round == RoundKind.ReReview);
        if (first is null || second is null) return ProgrammeReviewChange.Fail(409, Wording.Of("评选项目没有初评和复评评分表（{0}），不能开设评审", ProgrammeImport.ScoreSheetsFile));
        var existing = await db.Set<ProgrammeReviewEdition>().AsNoTracking().Where(e => e.ProgrammeId == programme.Id).ToListAsync(ct);
        if (existing.FirstOrDefault(e => categoryCode is null || e.CategoryCode is null || e.CategoryCode == categoryCode) is { } clash)
            return ProgrammeReviewChange.Fail(409, clash.CategoryCode is null
                ? Wording.Of("已开设全部类别的评审，不能再开设")
                : Wording.Of("已开设奖项类别“{0}”的评审，不能再开设", clash.CategoryCode));

        var passed = (await standings.LoadAsync(programme.Id, ct))
            .Where(s => s.FormalReviewPassed && (categoryCode is null || s.CategoryCode == categoryCode)).ToList();
        if (passed.Count == 0) return ProgrammeReviewChange.Fail(409, Wording.Of("没有通过形式审查的申报，无需评审"));
        var ids = passed.Select(s => s.ApplicationId).ToList();
        var fields = (await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Fields }).ToListAsync(ct))
            .ToDictionary(a => a.Id, a => JsonSerializer.Deserialize<Dictionary<string, string>>(a.Fields) ?? []);
        var kinds = definition.Categories.ToDictionary(c => c.Code, c => c.Applicant);

        var name = category is null ? $"{definition.Name} · 评审" : $"{definition.Name} · {category.Name} · 评审";
        var now = clock.GetUtcNow();
        var year = ShanghaiTime.ToLocal(now).Year;
        if (await db.Competitions.AnyAsync(c => c.Name == name && c.Year == year, ct))
            return ProgrammeReviewChange.Fail(409, Wording.Of("大赛“{0}”（{1}）已存在", name, year));

        // The applicants as units: name, group, recommender (docs/programmes.md, "Expert review").
        var drafts = passed.Select(s =>
        {
            var f = fields.GetValueOrDefault(s.ApplicationId) ?? [];
            var person = kinds.GetValueOrDefault(s.CategoryCode) == ApplicantKind.Individual;
            var workplace = f.GetValueOrDefault(WorkplaceField, "").Trim();
            var groupName = f.GetValueOrDefault(GroupField, "").Trim();
            if (person && groupName.Length == 0) groupName = workplace;
            var recommender = RecommenderFields.Select(k => f.GetValueOrDefault(k, "").Trim()).FirstOrDefault(v => v.Length > 0) ?? SelfApplied;
            var unit = person && workplace.Length > 0 ? $"{workplace} · {s.Applicant}" : s.Applicant;
            return (Standing: s, Unit: unit, Group: groupName.Length == 0 ? null : groupName, Recommender: recommender, Person: person);
        }).ToList();
        // An organisation applicant without 所属集团 whose name is a person's workplace joins that workplace's group.
        var personGroups = drafts.Where(d => d.Person && d.Group is not null).Select(d => d.Group!).ToHashSet(StringComparer.Ordinal);
        drafts = drafts.Select(d => !d.Person && d.Group is null && personGroups.Contains(d.Unit) ? d with { Group = d.Unit } : d).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var competition = new Competition { Name = name, Year = year };
        db.Competitions.Add(competition);
        await db.SaveChangesAsync(ct);
        var cid = competition.Id;
        var groups = drafts.Where(d => d.Group is not null).Select(d => d.Group!).Distinct(StringComparer.Ordinal)
            .ToDictionary(g => g, g => new Group { CompetitionId = cid, Name = g }, StringComparer.Ordinal);
        var recs = drafts.Select(d => d.Recommender).Append(SelfApplied).Distinct(StringComparer.Ordinal)
            .ToDictionary(r => r, r => new Recommender { CompetitionId = cid, Name = r, Kind = RecommenderKind(definition, r) }, StringComparer.Ordinal);
        db.Groups.AddRange(groups.Values);
        db.Recommenders.AddRange(recs.Values);
        var sheets = new[] { first, second }.Select(s => new ScoreSheet
        {
            CompetitionId = cid, Name = s.Name, Track = ReviewTrack, RoundKind = s.Round,
            Criteria = s.Criteria.Select(c => new Criterion { Order = c.Order, Name = c.Name, MaxPoints = c.MaxPoints, Guidance = c.Guidance }).ToList(),
        }).ToList();
        db.ScoreSheets.AddRange(sheets);
        await db.SaveChangesAsync(ct);
        // One unit per applicant name (an organisation with two projects is one unit); its first application's group and recommender.
        var units = drafts.GroupBy(d => d.Unit, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Unit
        {
            CompetitionId = cid, Name = g.Key, Nature = "其他",
            GroupId = g.First().Group is { } gn ? groups[gn].Id : null, RecommenderId = recs[g.First().Recommender].Id,
        }, StringComparer.Ordinal);
        db.Units.AddRange(units.Values);
        await db.SaveChangesAsync(ct);
        var entries = drafts.OrderBy(d => d.Standing.Reference, StringComparer.Ordinal).Select(d => (d.Standing, Entry: new Entry
        {
            CompetitionId = cid, Code = d.Standing.Reference, Title = d.Standing.Title.Length > 0 ? d.Standing.Title : d.Standing.Applicant,
            Track = ReviewTrack, UnitId = units[d.Unit].Id, Presenter = d.Standing.Applicant,
        })).ToList();
        db.Entries.AddRange(entries.Select(e => e.Entry));
        var round = new Round
        {
            CompetitionId = cid, Track = ReviewTrack, Kind = RoundKind.FirstReview, ScoreSheetId = sheets[0].Id, Status = RoundStatus.NotStarted, Online = true,
            ProgrammeName = category is null ? definition.Name : $"{definition.Name} · {category.Name}",
        };
        db.Rounds.Add(round);
        var edition = new ProgrammeReviewEdition { ProgrammeId = programme.Id, CategoryCode = categoryCode, CompetitionId = cid, Actor = actor, At = now };
        db.Add(edition);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < entries.Count; i++)
        {
            var (standing, entry) = entries[i];
            db.RoundEntries.Add(new RoundEntry { RoundId = round.Id, EntryId = entry.Id, Position = i + 1 });
            db.Add(new ProgrammeReviewEntry { EditionId = edition.Id, ApplicationId = standing.ApplicationId, EntryId = entry.Id });
            // The programme's formal review passed it (形式审查通过): the case track's rule "formal review first" lets experts have it.
            db.Add(new FormalReviewRecord { EntryId = entry.Id, Action = FormalReviewAction.Submit, At = now, Actor = FormalReviewActor, DocumentVersion = 1 });
            db.Add(new FormalReviewRecord { EntryId = entry.Id, Action = FormalReviewAction.Accept, At = now, Actor = FormalReviewActor, DocumentVersion = 1 });
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "开设专家评审", Subject = $"{definition.Name}（{code}）" + (category is null ? "" : $" · {category.Name}"),
            After = $"大赛 {cid}“{name}”；申报 {entries.Count} 项：{string.Join("、", entries.Select(e => e.Entry.Code))}；初评轮次 {round.Id}；评分表 {first.Name}、{second.Name}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(200, [], edition.Id, entries.Count);
    }

    private static string RecommenderKind(ProgrammeDefinition definition, string name) =>
        name == SelfApplied ? SelfApplied : definition.Routes.Contains(EntryRoute.Nomination) ? "提名单位" : "推荐单位";

    /// <summary>
    /// Adds experts to edition <paramref name="editionId"/> from a CSV (UTF-8, header row; docs/programmes.md "Experts"): 姓名 and
    /// 工作单位 required; optional 所属集团 (the expert's organisation's group), 推荐单位 (the recommender or nominator the expert
    /// belongs to), 回避申报人 (individual applicants the expert declares as co-workers, 、-separated), 评委编号 (else ZJ-01…),
    /// 角色 (评委 / 评委会主任). Each becomes a judge of the case track with a fresh sign-in code and the conflicts mapped onto
    /// the existing fields: <see cref="Judge.ConflictUnitId"/> = the expert's organisation when it is an applicant (or, when it
    /// is not, a unit made for it in the named group or a person applicant's workplace group), else the declared co-worker's
    /// unit; <see cref="Judge.ConflictRecommenderId"/> = the named recommender when it recommended an application here. The
    /// existing <see cref="ConflictRule"/> then avoids the unit's group too. One conflict unit per judge: an expert whose own
    /// organisation and a declared co-worker fall in different units and groups is refused by row (see the docs). All or
    /// nothing; audited ("导入评审专家").
    /// </summary>
    public async Task<ProgrammeReviewChange> ImportExpertsAsync(int editionId, string csv, string actor, CancellationToken ct)
    {
        var edition = await db.Set<ProgrammeReviewEdition>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null) return ProgrammeReviewChange.Fail(404, Wording.Of("没有这个评审"));
        var cid = edition.CompetitionId;
        var problems = new List<Wording>();
        var file = Wording.Of("专家名单");
        var rows = CsvSheet.Read(csv ?? "", ExpertColumns, ExpertOptionalColumns, (line, reason) => problems.Add(Line(line, reason)));
        if (rows is null) return new(400, problems);
        if (rows.Count == 0) return ProgrammeReviewChange.Fail(400, Wording.Of("{0}没有数据行", file));

        var units = await db.Units.Where(u => u.CompetitionId == cid).ToListAsync(ct);
        var groups = await db.Groups.Where(g => g.CompetitionId == cid).ToListAsync(ct);
        var recs = await db.Recommenders.Where(r => r.CompetitionId == cid).ToListAsync(ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == cid).ToListAsync(ct);
        var judges = await db.Judges.AsNoTracking().Where(j => j.CompetitionId == cid).Select(j => j.Code).ToListAsync(ct);
        var takenCodes = (await db.Judges.AsNoTracking().Select(j => j.AccessCode).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var usedUnits = entries.Select(e => e.UnitId).ToHashSet();
        var selfApplied = recs.First(r => r.Name == SelfApplied);

        // Individual applicants by name: their units (a person's unit is "所在单位 · 姓名", presenter = the person).
        var people = entries.Where(e => units.First(u => u.Id == e.UnitId).Name.EndsWith(" · " + e.Presenter, StringComparison.Ordinal))
            .GroupBy(e => e.Presenter, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => units.First(u => u.Id == e.UnitId)).DistinctBy(u => u.Id).ToList(), StringComparer.Ordinal);

        var codes = judges.ToHashSet(StringComparer.Ordinal);
        var next = judges.Count + 1;
        var newUnits = new List<Unit>();
        var made = new List<(Judge Judge, Unit? Conflict, string Row)>();
        foreach (var r in rows)
        {
            var before = problems.Count;
            var name = r["姓名"];
            var org = r["工作单位"];
            if (name.Length == 0) problems.Add(Line(r.Line, Wording.Of("“{0}”不能为空", "姓名")));
            if (org.Length == 0) problems.Add(Line(r.Line, Wording.Of("“{0}”不能为空", "工作单位")));
            var role = r["角色"];
            if (role is not ("" or "评委" or "评委会主任")) problems.Add(Line(r.Line, Wording.Of("{0}“{1}”应为以下之一：{2}", "角色", role, "评委、评委会主任")));
            var code = r["评委编号"];
            if (code.Length == 0) { while (codes.Contains(code = $"ZJ-{next:00}")) next++; }
            if (!codes.Add(code)) problems.Add(Line(r.Line, Wording.Of("评委编号“{0}”重复", code)));
            if (problems.Count > before) continue;

            // The expert's own organisation: an applicant unit, or a unit made for it in its group (所属集团, or the workplace
            // group of a person applicant) — only when avoiding it avoids someone.
            Unit? conflict = units.Concat(newUnits).FirstOrDefault(u => u.Name == org);
            var groupName = r["所属集团"].Length > 0 ? r["所属集团"] : org;
            var group = groups.FirstOrDefault(g => g.Name == groupName);
            if (conflict is null && group is not null)
            {
                conflict = new Unit { CompetitionId = cid, Name = org, Nature = "其他", GroupId = group.Id, RecommenderId = selfApplied.Id };
                newUnits.Add(conflict);
            }
            // Declared co-workers of individual applicants.
            foreach (var person in r["回避申报人"].Split(ProgrammeImport.ListSeparator).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct())
            {
                if (!people.TryGetValue(person, out var theirs)) { problems.Add(Line(r.Line, Wording.Of("回避申报人“{0}”不是本次评审的个人申报者", person))); continue; }
                foreach (var unit in theirs)
                {
                    if (conflict is null) conflict = unit;
                    else if (!SameConflict(conflict, unit))
                        problems.Add(Line(r.Line, Wording.Of("专家“{0}”已回避“{1}”，不能再回避申报人“{2}”（{3}）：每位专家只能登记一个回避单位（及其集团），请由组织者手动调整分配", name, conflict.Name, person, unit.Name)));
                }
            }
            var rec = r["推荐单位"].Length > 0 ? recs.FirstOrDefault(x => x.Name == r["推荐单位"] && x.Name != SelfApplied) : null;
            if (problems.Count > before) continue;
            string access;
            do access = SignInCodeRule.Generate();
            while (!takenCodes.Add(access));
            made.Add((new Judge
            {
                CompetitionId = cid, Code = code, Name = name, Affiliation = org, Track = ReviewTrack, IsChief = role == "评委会主任",
                AccessCode = access, ConflictRecommenderId = rec?.Id,
            }, conflict, $"{code} {name}（{org}）" + (conflict is null ? "" : $" 回避 {conflict.Name}") + (rec is null ? "" : $" 回避推荐 {rec.Name}")));
        }
        if (problems.Count > 0) return new(400, problems);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Units.AddRange(newUnits);
        await db.SaveChangesAsync(ct);
        foreach (var (judge, conflict, _) in made) { judge.ConflictUnitId = conflict?.Id; db.Judges.Add(judge); }
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "导入评审专家", Subject = $"大赛 {cid} · 评选项目评审 {editionId}",
            After = $"{made.Count} 位：{string.Join("；", made.Select(m => m.Row))}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(200, [], editionId, made.Count);

        bool SameConflict(Unit a, Unit b) => a.Id == b.Id && a.Id != 0 || ReferenceEquals(a, b) || a.GroupId is not null && a.GroupId == b.GroupId;
        Wording Line(int line, Wording reason) => line > 0 ? Wording.Of("{0} 第{1}行：{2}", file, line, reason) : Wording.Of("{0}：{1}", file, reason);
    }

    /// <summary>
    /// Adopts the results of the programme's editions as proposals (拟授奖): for each edition whose awards the organiser confirmed
    /// in the results engine (tiers settled, audit packet stored), each application gets a <see cref="ProgrammeProposal"/> with
    /// <see cref="ProgrammeStandings.ReviewSource"/>: tier n (一等奖 = 1, 二等奖 = 2, 三等奖 = 3) → the n-th level of its category
    /// (categories.csv 奖项等级, highest first: e.g. 003 comprehensive 一等奖 / 二等奖 / 优秀奖; a one-level category such as 002's
    /// 上海市质量金奖 takes 一等奖 only); no tier, or a tier beyond the category's levels → a withdrawn proposal ("评审未获奖").
    /// An application whose proposal in force already says the same is skipped (adopting twice writes nothing). Refused (409) when
    /// no edition has confirmed awards. Audited ("采纳评审结果"). <see cref="ProgrammeReviewChange.Count"/> = proposals written.
    /// </summary>
    public async Task<ProgrammeReviewChange> AdoptResultsAsync(string code, string actor, CancellationToken ct)
    {
        var programme = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null) return ProgrammeReviewChange.Fail(404, Wording.Of("没有这个评选项目"));
        var definition = ProgrammeService.DefinitionOf(programme);
        var editions = await db.Set<ProgrammeReviewEdition>().AsNoTracking().Where(e => e.ProgrammeId == programme.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var stand = (await standings.LoadAsync(programme.Id, ct)).ToDictionary(s => s.ApplicationId);
        var now = clock.GetUtcNow();
        var written = new List<string>();
        var confirmed = 0;
        foreach (var edition in editions)
        {
            var view = await results.LoadAsync(edition.CompetitionId, ReviewTrack, ct);
            if (view is not { AwardsConfirmed: true, Outcome: { } outcome, Error: null }) continue;
            confirmed++;
            var tiers = outcome.Lines.ToDictionary(l => l.EntryId, l => l.Tier);
            var members = await db.Set<ProgrammeReviewEntry>().AsNoTracking().Where(m => m.EditionId == edition.Id).ToListAsync(ct);
            foreach (var m in members.OrderBy(m => stand.GetValueOrDefault(m.ApplicationId)?.Reference, StringComparer.Ordinal))
            {
                if (!stand.TryGetValue(m.ApplicationId, out var s)) continue;
                var levels = definition.Categories.FirstOrDefault(c => c.Code == s.CategoryCode)?.Levels ?? [];
                var level = LevelOf(tiers.GetValueOrDefault(m.EntryId), levels);
                if (s.Proposal is { Source: ProgrammeStandings.ReviewSource } p && p.Withdrawn == (level is null) && p.Level == (level ?? "")) continue;
                db.Add(new ProgrammeProposal
                {
                    ApplicationId = m.ApplicationId, Level = level ?? "", Withdrawn = level is null, Source = ProgrammeStandings.ReviewSource,
                    Reason = level is null ? "评审未获奖" : $"评审结果：{AwardNames.Of(tiers[m.EntryId]!.Value)}（大赛 {edition.CompetitionId}，审计包 SHA-256 {view.Settings.AwardsSha256}）",
                    Actor = actor, At = now,
                });
                written.Add($"{s.Reference} {level ?? "未获奖"}");
            }
        }
        if (confirmed == 0) return ProgrammeReviewChange.Fail(409, Wording.Of("还没有已确认获奖名单的评审，请先在奖项评定页确认"));
        if (written.Count > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = "采纳评审结果", Subject = $"{definition.Name}（{code}）",
                After = $"拟授奖 {written.Count} 项：{string.Join("、", written)}",
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new(200, [], 0, written.Count);
    }

    /// <summary>
    /// The level of a category for a tier: tier n (1-based) → <paramref name="levels"/>[n − 1] (highest first); null for no tier or
    /// a tier beyond the category's levels.
    /// </summary>
    public static string? LevelOf(AwardTier? tier, IReadOnlyList<string> levels) =>
        tier is { } t && (int)t >= 1 && (int)t <= levels.Count ? levels[(int)t - 1] : null;
}
