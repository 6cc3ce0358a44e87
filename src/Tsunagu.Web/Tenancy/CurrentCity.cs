namespace Tsunagu.Web.Tenancy;

/// <summary>The city of the current request (scoped); null on pages that belong to no city.</summary>
public class CurrentCity
{
    public City? City { get; private set; }
    public int? Id => City?.Id;

    public void Set(City city) => City = city;

    public City Required => City ?? throw new InvalidOperationException("This request has no city.");
}
