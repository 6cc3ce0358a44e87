using Microsoft.Net.Http.Headers;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Serves rooms' photos to anyone. A photo's bytes never change, so its address is cached for good.</summary>
public static class RoomPhotoEndpoints
{
    public static void MapRoomPhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{city}/spaces/rooms/{roomId:int}/photos/{id:int}", async (int roomId, int id, RoomPhotoService photos, HttpContext http, CancellationToken ct) =>
            {
                var etag = new EntityTagHeaderValue($"\"room-photo-{id}\"");
                http.Response.Headers.XContentTypeOptions = "nosniff";
                if (http.Request.Headers.IfNoneMatch.ToString() == etag.Tag.ToString() && await photos.ExistsAsync(roomId, id, ct))
                {
                    // Revalidation without reading the bytes from the database.
                    http.Response.Headers.ETag = etag.Tag.ToString();
                    http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }
                if (await photos.ContentAsync(roomId, id, ct) is not { } photo) return Results.NotFound();
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.File(photo.Content, photo.ContentType, lastModified: photo.CreatedAt, entityTag: etag);
            })
            .WithTags("Spaces")
            .WithName("RoomPhoto");
    }
}
