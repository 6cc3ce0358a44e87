using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Tenancy;

/// <summary>
/// A background job that runs every so often for each city in turn, in a scope of that city, with its changes
/// recorded in the audit log as the system's (the job's name), not as a person's.
/// </summary>
public abstract class CityJob(IServiceScopeFactory scopes, ILogger log, TimeSpan every, string name) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first run waits one period too: at start-up the database may still be migrating.
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Job} failed; it runs again in {Every}.", name, every);
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        List<City> cities;
        using (var scope = scopes.CreateScope())
            cities = await scope.ServiceProvider.GetRequiredService<TsunaguDb>().Cities.AsNoTracking().ToListAsync(ct);
        foreach (var city in cities)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(city);
            scope.ServiceProvider.GetRequiredService<Audit.CurrentActor>().Set("system", name);
            await RunForCityAsync(scope.ServiceProvider, city, ct);
        }
    }

    protected abstract Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct);
}
