namespace Tsunagu.Web.Data.Demo;

public class DemoNews(TsunaguDb db)
{
    public Task<int> SeedAsync(CancellationToken ct = default) => Task.FromResult(db is null ? 0 : 0);
}
