using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.PostgreSQL
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
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            // Review editions opened before: their rounds take the programme's name (with the category) from the edition's
            // competition, named "{programme} · 评审" or "{programme} · {category} · 评审" (ProgrammeReviewService.OpenAsync).
            migrationBuilder.Sql("""
                UPDATE "Rounds" AS r SET "ProgrammeName" = left(c."Name", length(c."Name") - 5)
                FROM "Competitions" AS c
                WHERE c."Id" = r."CompetitionId"
                  AND r."CompetitionId" IN (SELECT "CompetitionId" FROM "ProgrammeReviewEditions")
                  AND c."Name" LIKE '% · 评审';
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
