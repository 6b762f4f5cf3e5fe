# Lex Heller: build with the SDK, run on the full ASP.NET runtime image (ICU and time-zone data included,
# so sv-SE and Europe/Stockholm work), as the image's non-root "app" user, with the data on a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/LexHeller.Core/LexHeller.Core.csproj src/LexHeller.Core/
COPY src/LexHeller.Web/LexHeller.Web.csproj src/LexHeller.Web/
COPY migrations/LexHeller.Migrations.Sqlite/LexHeller.Migrations.Sqlite.csproj migrations/LexHeller.Migrations.Sqlite/
RUN dotnet restore src/LexHeller.Web/LexHeller.Web.csproj --use-current-runtime -p:PublishReadyToRun=true
COPY src/ src/
COPY migrations/ migrations/
# ReadyToRun: the app's own code and its libraries are compiled ahead, so start-up does not wait for the JIT.
RUN dotnet publish src/LexHeller.Web/LexHeller.Web.csproj -c Release --use-current-runtime --self-contained false \
        -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown "$APP_UID" /data
# Plain HTTP for the TLS proxy in front of the container; the app redirects to HTTPS and believes the proxy's
# X-Forwarded-Proto only from ForwardedHeaders__KnownProxies / ForwardedHeaders__KnownNetworks (loopback if unset).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Data__Folder=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
# The runtime image has neither curl nor wget: the app asks its own /health/live (exit 0 on 200, 1 otherwise).
# /health/ready, which also checks the database, the job server and the mail relay, is for the proxy or orchestrator.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "LexHeller.Web.dll", "health"]
ENTRYPOINT ["dotnet", "LexHeller.Web.dll"]
