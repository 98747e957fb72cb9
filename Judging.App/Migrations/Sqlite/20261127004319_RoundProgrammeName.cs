using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoundProgrammeName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProgrammeName",
                table: "Rounds",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            // Review editions opened before: their rounds take the programme's name (with the category) from the edition's
            // competition, named "{programme} · 评审" or "{programme} · {category} · 评审" (ProgrammeReviewService.OpenAsync).
            migrationBuilder.Sql("""
                UPDATE Rounds SET ProgrammeName = (SELECT substr(c.Name, 1, length(c.Name) - 5) FROM Competitions c WHERE c.Id = Rounds.CompetitionId)
                WHERE CompetitionId IN (SELECT CompetitionId FROM ProgrammeReviewEditions)
                  AND (SELECT c.Name FROM Competitions c WHERE c.Id = Rounds.CompetitionId) LIKE '% · 评审';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProgrammeName",
                table: "Rounds");
        }
    }
}
