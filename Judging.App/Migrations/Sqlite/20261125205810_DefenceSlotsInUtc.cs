using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <summary>
    /// Defence slots were stored as Beijing wall-clock times; from this version the database keeps the UTC instant
    /// (the model converts). Beijing has no daylight saving: UTC = local − 8 hours.
    /// </summary>
    public partial class DefenceSlotsInUtc : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "DefenceCall" SET "StartsAt" = strftime('%Y-%m-%d %H:%M:%S', "StartsAt", '-8 hours') WHERE "StartsAt" IS NOT NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "DefenceCall" SET "StartsAt" = strftime('%Y-%m-%d %H:%M:%S', "StartsAt", '+8 hours') WHERE "StartsAt" IS NOT NULL;""");
        }
    }
}
