using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Rooms' photos: staff add (PNG, JPEG or WebP by content, 2 MB at most, with alt text), reorder and remove them.</summary>
public class RoomPhotoService(TsunaguDb db, Text t, TimeProvider clock)
{
    /// <summary>A photo without its bytes: what pages list.</summary>
    public sealed record Info(int Id, int RoomId, string Alt, int SortOrder, string ContentType, int Length)
    {
        public string Url(string city) => $"/{city}/spaces/rooms/{RoomId}/photos/{Id}";
    }

    public Task<List<Info>> ForRoomAsync(int roomId, CancellationToken ct = default) =>
        db.Set<RoomPhoto>().AsNoTracking().Where(p => p.RoomId == roomId).OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new Info(p.Id, p.RoomId, p.Alt, p.SortOrder, p.ContentType, p.Length)).ToListAsync(ct);

    /// <summary>The bytes to serve: only a photo of that room, in the current city.</summary>
    public Task<RoomPhoto?> ContentAsync(int roomId, int id, CancellationToken ct = default) =>
        db.Set<RoomPhoto>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.RoomId == roomId, ct);

    public Task<bool> ExistsAsync(int roomId, int id, CancellationToken ct = default) =>
        db.Set<RoomPhoto>().AnyAsync(p => p.Id == id && p.RoomId == roomId, ct);

    /// <summary>Checks and stores an upload; problems by field ("Photo", "Alt"), nothing stored unless there is none.</summary>
    public async Task<Problems> AddAsync(int roomId, IFormFile? file, string? alt, CancellationToken ct = default)
    {
        var problems = new Problems();
        alt = alt?.Trim();
        if (string.IsNullOrEmpty(alt)) problems.Add("Alt", t["写真の説明を入力してください。目の見えない人にも、写真に何が写っているかが伝わるようにします。"]);
        else if (alt.Length > RoomPhoto.MaxAltLength) problems.Add("Alt", t["写真の説明は{0}文字以内にしてください。", RoomPhoto.MaxAltLength]);
        (LogoImages.Problem Problem, string? ContentType, byte[]? Content) image = default;
        if (file is not { Length: > 0 }) problems.Add("Photo", t["写真のファイルを選んでください。"]);
        else
        {
            image = await LogoImages.ReadAsync(file, ct);
            if (image.Problem == LogoImages.Problem.TooLarge) problems.Add("Photo", t["写真は2MB以下のファイルにしてください。"]);
            else if (image.Problem == LogoImages.Problem.NotAnImage) problems.Add("Photo", t["写真はJPEG、PNG、WebPのいずれかの画像にしてください。"]);
        }
        var count = await db.Set<RoomPhoto>().CountAsync(p => p.RoomId == roomId, ct);
        if (count >= RoomPhoto.MaxPerRoom) problems.Add("Photo", t["写真は1部屋に{0}枚までです。先にほかの写真を削除してください。", RoomPhoto.MaxPerRoom]);
        if (problems.Count > 0) return problems;
        var last = await db.Set<RoomPhoto>().Where(p => p.RoomId == roomId).MaxAsync(p => (int?)p.SortOrder, ct) ?? 0;
        db.Add(new RoomPhoto
        {
            RoomId = roomId,
            ContentType = image.ContentType!,
            Content = image.Content!,
            Length = image.Content!.Length,
            Alt = alt!,
            SortOrder = last + 1,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    public async Task<string?> UpdateAltAsync(int roomId, int id, string? alt, CancellationToken ct = default)
    {
        alt = alt?.Trim();
        if (string.IsNullOrEmpty(alt)) return t["写真の説明を入力してください。目の見えない人にも、写真に何が写っているかが伝わるようにします。"];
        if (alt.Length > RoomPhoto.MaxAltLength) return t["写真の説明は{0}文字以内にしてください。", RoomPhoto.MaxAltLength];
        var updated = (await Stubs(Tracked(roomId, id), ct)).FirstOrDefault();
        if (updated is null) return t["写真が見つかりません。"];
        updated.Alt = alt;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Moves a photo one place earlier (up) or later: the room's page shows them in this order.</summary>
    public async Task<bool> MoveAsync(int roomId, int id, bool up, CancellationToken ct = default)
    {
        var photos = await Stubs(db.Set<RoomPhoto>().Where(p => p.RoomId == roomId), ct);
        var i = photos.FindIndex(p => p.Id == id);
        var j = up ? i - 1 : i + 1;
        if (i < 0 || j < 0 || j >= photos.Count) return false;
        (photos[i], photos[j]) = (photos[j], photos[i]);
        for (var k = 0; k < photos.Count; k++) photos[k].SortOrder = k + 1;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> DeleteAsync(int roomId, int id, CancellationToken ct = default)
    {
        if ((await Stubs(Tracked(roomId, id), ct)).FirstOrDefault() is not { } photo) return false;
        db.Remove(photo);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The photos as tracked entities without their bytes (up to 2 MB each): reordering or deleting needs only the other
    /// columns, and the audit log records the bytes only as changed anyway.
    /// </summary>
    private async Task<List<RoomPhoto>> Stubs(IQueryable<RoomPhoto> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CityId, p.RoomId, p.ContentType, p.Length, p.Alt, p.SortOrder, p.CreatedAt }).ToListAsync(ct);
        var stubs = rows.Select(p => new RoomPhoto
        {
            Id = p.Id,
            CityId = p.CityId,
            RoomId = p.RoomId,
            ContentType = p.ContentType,
            Content = [],
            Length = p.Length,
            Alt = p.Alt,
            SortOrder = p.SortOrder,
            CreatedAt = p.CreatedAt,
        }).ToList();
        db.AttachRange(stubs);
        return stubs;
    }

    private IQueryable<RoomPhoto> Tracked(int roomId, int id) => db.Set<RoomPhoto>().Where(p => p.Id == id && p.RoomId == roomId);
}
