namespace Judging.Domain.Competitions;

/// <summary>One yearly edition (大赛), e.g. 2025上海市质量品牌故事大赛.</summary>
public sealed class Competition
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
}

/// <summary>Parent group company (集团公司) of units; one industry field (seed 000, 附件1 (六): at most 2 finalists per group).</summary>
public sealed class Group
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public required string Name { get; set; }
}

/// <summary>Recommender (推荐单位): a district market-supervision bureau or an industry group that vouches for entries.</summary>
public sealed class Recommender
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public required string Name { get; set; }
    /// <summary>区市场监管局 or 产业集团.</summary>
    public required string Kind { get; set; }
}

/// <summary>The organisation that enters (参赛单位, one brand).</summary>
public sealed class Unit
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public required string Name { get; set; }
    /// <summary>Group company, or null for an independent unit.</summary>
    public int? GroupId { get; set; }
    public int RecommenderId { get; set; }
    /// <summary>单位性质: 国有/民营/外资/合资/事业单位/其他.</summary>
    public required string Nature { get; set; }
}

/// <summary>A speech preliminary venue (分赛区), hosted by a district bureau (seed 000, 四、3: 3–5 divisions).</summary>
public sealed class Division
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public required string Name { get; set; }
    public int HostRecommenderId { get; set; }
    public required string Venue { get; set; }
    public DateOnly Date { get; set; }
}

/// <summary>An entry (参赛作品): one speech, film or case, shown as "单位名称+作品名称".</summary>
public sealed class Entry
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    /// <summary>The organiser's entry number (作品编号), unique in a competition.</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    public Track Track { get; set; }
    public int UnitId { get; set; }
    /// <summary>Speech division, null for other tracks.</summary>
    public int? DivisionId { get; set; }
    /// <summary>Speaker (演讲者) or creator.</summary>
    public required string Presenter { get; set; }
    /// <summary>Duration in minutes (speech, film), if given.</summary>
    public int? DurationMinutes { get; set; }
}

/// <summary>A judge (评委). A chief judge (评委会主任) runs the panel of a division and may unlock scores.</summary>
public sealed class Judge
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    /// <summary>Organiser's judge number (评委编号).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Free-text employer (工作单位), shown only.</summary>
    public required string Affiliation { get; set; }
    /// <summary>The competing unit the judge must not score (回避单位); its group is avoided too.</summary>
    public int? ConflictUnitId { get; set; }
    /// <summary>The competing unit's recommender the judge must not score (回避推荐单位, issue 5: declared conflicts), or null.</summary>
    public int? ConflictRecommenderId { get; set; }
    /// <summary>The track whose panel the judge sits on (评委 for speeches, 专家 for films and cases). Default: speech.</summary>
    public Track Track { get; set; } = Track.Speech;
    /// <summary>The speech division, or null: for speeches the final's panel; for films and cases the track's expert panel.</summary>
    public int? DivisionId { get; set; }
    public bool IsChief { get; set; }
    /// <summary>Sign-in code (登录码), printed or shown as a QR code; no password typing on stage.</summary>
    public required string AccessCode { get; set; }
}
