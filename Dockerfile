# Build: restore, publish, and build the seed database at image build time.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY nuget.config Directory.Build.props Directory.Packages.props EventsApi.sln ./
COPY src/EventsApi.Core/EventsApi.Core.csproj src/EventsApi.Core/
COPY src/EventsApi.Importer/EventsApi.Importer.csproj src/EventsApi.Importer/
COPY src/EventsApi/EventsApi.csproj src/EventsApi/
RUN dotnet restore src/EventsApi/EventsApi.csproj
COPY src/ src/
COPY data/ data/
RUN dotnet publish src/EventsApi/EventsApi.csproj -c Release --no-restore -o /app \
 && dotnet publish src/EventsApi.Importer/EventsApi.Importer.csproj -c Release --no-restore -o /importer \
 && dotnet /importer/EventsApi.Importer.dll import data/documents --db /app/data/events.db

# Run: the ASP.NET runtime only, as a non-root user, serving the database built above.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY --from=build /src/data/documents ./data/documents
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__Path=/app/data/events.db \
    Import__OnStartup=Never
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["dotnet", "EventsApi.dll", "--healthcheck", "http://localhost:8080/health"]
ENTRYPOINT ["dotnet", "EventsApi.dll"]
