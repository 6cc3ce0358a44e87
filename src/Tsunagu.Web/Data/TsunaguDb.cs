using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Data;

/// <summary>
/// The one DbContext. City-owned rows are filtered to the current city and may only be written
/// for it; every change made by a signed-in person is written to the audit log in the same transaction.
/// </summary>
public class TsunaguDb(DbContextOptions<TsunaguDb> options, CurrentCity currentCity, CurrentActor actor)
    : IdentityDbContext<AppUser>(options)
{
    public DbSet<City> Cities => Set<City>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<CityMembership> CityMemberships => Set<CityMembership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Features.Groups.Group> Groups => Set<Features.Groups.Group>();
    public DbSet<Features.Consultations.Consultation> Consultations => Set<Features.Consultations.Consultation>();
    public DbSet<Features.Groups.Transfer.ImportUpload> ImportUploads => Set<Features.Groups.Transfer.ImportUpload>();
    public DbSet<Features.News.NewsItem> NewsItems => Set<Features.News.NewsItem>();
    public DbSet<Features.News.GrantNotice> GrantNotices => Set<Features.News.GrantNotice>();
    public DbSet<Features.News.CaseStudy> CaseStudies => Set<Features.News.CaseStudy>();

    /// <summary>Read by the query filters at query time; null matches no city-owned row at all.</summary>
    public int? CurrentCityId => currentCity.Id;

    public CurrentActor Actor => actor;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TsunaguDb).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ICityOwned).IsAssignableFrom(entityType.ClrType))
                builder.Entity(entityType.ClrType).HasQueryFilter(CityFilter(entityType.ClrType));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored in UTC; SQLite forgets the kind, so it is put back on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private LambdaExpression CityFilter(Type type)
    {
        var entity = Expression.Parameter(type, "e");
        var cityId = Expression.Convert(Expression.Property(entity, nameof(ICityOwned.CityId)), typeof(int?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentCityId));
        return Expression.Lambda(Expression.Equal(cityId, current), entity);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardCityOwnership();
        var pending = actor.UserId is null ? [] : AuditRecorder.Capture(ChangeTracker);
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await AuditWriter.InsertAsync(Database, AuditRecorder.Complete(pending, actor, currentCity.Id).ToList(), cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// New city-owned rows take the current city; a row of another city can never be written
    /// from a city's request, whatever a form field or id says.
    /// </summary>
    private void GuardCityOwnership()
    {
        if (currentCity.Id is not { } cityId) return;
        foreach (var entry in ChangeTracker.Entries<ICityOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.CityId == 0) entry.Entity.CityId = cityId;
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                var original = entry.State == EntityState.Added ? entry.Entity.CityId : (int)entry.Property(nameof(ICityOwned.CityId)).OriginalValue!;
                if (entry.Entity.CityId != cityId || original != cityId)
                    throw new CrossCityWriteException(entry.Metadata.ClrType.Name);
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public class CrossCityWriteException(string entity) : InvalidOperationException($"A {entity} of another city cannot be written here.");
