using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Data;

public class AuditWriterTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    /// <summary>The bulk writer names its columns by hand: a column added to AuditEntry must be added there too.</summary>
    [Fact]
    public void BulkWriter_WritesEveryColumnOfTheAuditEntry()
    {
        using var scope = factory.Services.CreateScope();
        var entity = scope.ServiceProvider.GetRequiredService<TsunaguDb>().Model.FindEntityType(typeof(AuditEntry))!;
        var mapped = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName()).Order();
        AuditWriter.Columns.Order().ShouldBe(mapped);
    }
}
