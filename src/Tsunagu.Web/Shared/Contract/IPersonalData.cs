namespace Tsunagu.Web.Shared.Contract;

/// <summary>
/// What a feature keeps about a person, in every city (個人情報の開示と削除). The account's data export writes one
/// section per implementation; deleting the account first calls <see cref="ReleaseAsync"/> of each, then deletes the
/// account, whose rows the database deletes or unlinks (cascade or set null on the user's id).
/// </summary>
public interface IPersonalData
{
    /// <summary>The section's name in the export (camelCase JSON).</summary>
    string Section { get; }

    /// <summary>Everything the feature holds about the person; empty when nothing.</summary>
    Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct);

    /// <summary>
    /// Before the account goes: gives back what others wait for (places on courses and shifts) and tells whom it
    /// concerns. Rows about the person go with the account itself.
    /// </summary>
    Task ReleaseAsync(string userId, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Whose data, and the slugs of the cities, which the sections name rather than ids.</summary>
public sealed record PersonalDataSubject(string UserId, IReadOnlyDictionary<int, string> CitySlugs);
