# One image per service, built from the module sources:
#   docker build --build-arg SERVICE=notifier -t contactdesk/notifier .
# docker-compose.yml builds all four this way.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN ./mvnw -B -ntp -q -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --uid 10001 contactdesk
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/service.jar
USER contactdesk
# Containers get a fixed share of memory; let the JVM size its heap from it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
