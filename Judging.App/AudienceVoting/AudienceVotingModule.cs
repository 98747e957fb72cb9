namespace Judging.App.AudienceVoting;

using Microsoft.EntityFrameworkCore;

/// <summary>
/// The live audience vote at the venue (观众投票, seed 000, 附件1 (八): 最具风采奖, 最佳演绎奖): its tables,
/// services and endpoints, wired into the app by one call each.
/// </summary>
public static class AudienceVotingModule
{
    /// <summary>Adds the audience-vote tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
    }

    /// <summary>Registers the audience-vote services.</summary>
    public static IServiceCollection AddAudienceVoting(this IServiceCollection services) => services;

    /// <summary>Maps the audience-vote endpoints.</summary>
    public static IEndpointRouteBuilder MapAudienceVoting(this IEndpointRouteBuilder app) => app;
}
