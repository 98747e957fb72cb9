namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;

/// <summary>One expert of a site visit team (现场验证专家组): name and organisation (工作单位) as typed.</summary>
/// <param name="Name">The expert's name.</param>
/// <param name="Organisation">The organisation the expert works for.</param>
public sealed record SiteVisitMember(string Name, string Organisation);

/// <summary>Why a party of an application must not have its people on the team (issue 16, site verification: "experts without a
/// conflict"; the same parties as the expert review's conflicts: own organisation, group, recommender or nominator).</summary>
public enum SiteVisitPartyKind
{
    /// <summary>申报单位: the organisation that applies (or is nominated: 被提名单位).</summary>
    Applicant,

    /// <summary>申报人: an individual applicant (seed 002 个人 categories), compared with the expert's name.</summary>
    ApplicantPerson,

    /// <summary>申报人所在单位: the organisation an individual applicant works for (所在单位).</summary>
    ApplicantUnit,

    /// <summary>推荐单位 / 提名单位 / 提名者: who recommended or nominated the application.</summary>
    Recommender,

    /// <summary>所属集团: the group the applicant belongs to.</summary>
    Group,
}

/// <summary>A party of an application that a team member must not belong to.</summary>
/// <param name="Kind">Which rule.</param>
/// <param name="Name">The party's name, trimmed.</param>
public sealed record SiteVisitParty(SiteVisitPartyKind Kind, string Name);

/// <summary>
/// The site visit team's rules (现场验证 / 现场考察, issue 16: "forms a team (experts without a conflict)"): at least
/// <see cref="MinMembers"/> experts, the first the leader (组长), each with a name and an organisation, nobody twice, and no
/// expert from the applicant, an individual applicant's organisation (所在单位), the recommender or nominator (推荐单位 /
/// 提名单位 / 提名者) or the applicant's group (所属集团 / 集团公司). Names are compared after trimming (ordinal).
/// </summary>
public static class SiteVisitTeam
{
    /// <summary>The smallest team: 2 experts (a leader and one more).</summary>
    public const int MinMembers = 2;

    /// <summary>The largest team accepted: 9 experts.</summary>
    public const int MaxMembers = 9;

    /// <summary>Application fields naming an individual applicant's organisation (seed 002 个人: 所在单位).</summary>
    public static readonly IReadOnlyList<string> ApplicantUnitFields = ["所在单位"];

    /// <summary>Application fields naming the recommender or nominator (seed 004: 提名单位; 推荐单位 / 提名者 where a programme has them).</summary>
    public static readonly IReadOnlyList<string> RecommenderFields = ["推荐单位", "提名单位", "提名者"];

    /// <summary>Application fields naming the applicant's group (所属集团 / 集团公司 where a programme has them).</summary>
    public static readonly IReadOnlyList<string> GroupFields = ["所属集团", "集团公司"];

    /// <summary>
    /// The parties of an application that a team member must not belong to: the applicant (<paramref name="applicant"/>: the
    /// organisation, or the person when <paramref name="individual"/>), and from <paramref name="fields"/> (the application's
    /// form as typed) the organisation of an individual, the recommender or nominator and the group. Blank values are left
    /// out; each (kind, name) once.
    /// </summary>
    public static IReadOnlyList<SiteVisitParty> PartiesOf(string? applicant, IReadOnlyDictionary<string, string> fields, bool individual)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parties = new List<SiteVisitParty>();
        void Add(SiteVisitPartyKind kind, string? name)
        {
            var n = name?.Trim();
            if (!string.IsNullOrEmpty(n) && !parties.Contains(new SiteVisitParty(kind, n))) parties.Add(new SiteVisitParty(kind, n));
        }
        Add(individual ? SiteVisitPartyKind.ApplicantPerson : SiteVisitPartyKind.Applicant, applicant);
        foreach (var f in ApplicantUnitFields) Add(SiteVisitPartyKind.ApplicantUnit, fields.GetValueOrDefault(f));
        foreach (var f in RecommenderFields) Add(SiteVisitPartyKind.Recommender, fields.GetValueOrDefault(f));
        foreach (var f in GroupFields) Add(SiteVisitPartyKind.Group, fields.GetValueOrDefault(f));
        return parties;
    }

    /// <summary>
    /// The conflict of <paramref name="member"/> with one of <paramref name="parties"/>, naming the expert, the rule and the
    /// party; null when there is none. An individual applicant conflicts by name, every other party by organisation.
    /// </summary>
    public static Wording? ConflictOf(SiteVisitMember member, IReadOnlyList<SiteVisitParty> parties)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(parties);
        var name = member.Name?.Trim() ?? "";
        var organisation = member.Organisation?.Trim() ?? "";
        foreach (var p in parties)
        {
            if (p.Kind == SiteVisitPartyKind.ApplicantPerson)
            {
                if (name == p.Name) return Wording.Of("专家“{0}”是申报人本人，须回避", name);
                continue;
            }
            if (organisation != p.Name) continue;
            return p.Kind switch
            {
                SiteVisitPartyKind.Applicant => Wording.Of("专家“{0}”的工作单位“{1}”是申报单位，须回避", name, p.Name),
                SiteVisitPartyKind.ApplicantUnit => Wording.Of("专家“{0}”的工作单位“{1}”是申报人的所在单位，须回避", name, p.Name),
                SiteVisitPartyKind.Recommender => Wording.Of("专家“{0}”的工作单位“{1}”是本申报的推荐（提名）单位，须回避", name, p.Name),
                _ => Wording.Of("专家“{0}”的工作单位“{1}”是申报单位的所属集团，须回避", name, p.Name),
            };
        }
        return null;
    }

    /// <summary>
    /// Why <paramref name="team"/> cannot visit the application of <paramref name="parties"/> (empty when it can): too few or too
    /// many experts, a name or organisation missing (by position, 1-based), an expert listed twice, and every conflict
    /// (<see cref="ConflictOf"/>), in team order.
    /// </summary>
    public static IReadOnlyList<Wording> Check(IReadOnlyList<SiteVisitMember> team, IReadOnlyList<SiteVisitParty> parties)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(parties);
        var problems = new List<Wording>();
        if (team.Count < MinMembers)
            problems.Add(Wording.Of("现场验证专家组至少 {0} 人，第一位为组长", MinMembers));
        if (team.Count > MaxMembers)
            problems.Add(Wording.Of("现场验证专家组最多 {0} 人", MaxMembers));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < team.Count; i++)
        {
            var m = team[i];
            if (string.IsNullOrWhiteSpace(m.Name) || string.IsNullOrWhiteSpace(m.Organisation))
            {
                problems.Add(Wording.Of("第 {0} 位专家的姓名和工作单位都要填写", i + 1));
                continue;
            }
            if (!seen.Add(m.Name.Trim()))
                problems.Add(Wording.Of("专家“{0}”重复列入专家组", m.Name.Trim()));
            if (ConflictOf(m, parties) is { } conflict) problems.Add(conflict);
        }
        return problems;
    }
}
