-- CreateEnum
CREATE TYPE "TwoFactorRequirement" AS ENUM ('OFF', 'ADMINS', 'EVERYONE');

-- CreateTable
CREATE TABLE "AppSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "twoFactorRequirement" "TwoFactorRequirement" NOT NULL DEFAULT 'OFF',
    "twoFactorGraceDays" INTEGER NOT NULL DEFAULT 7,
    "twoFactorAdminsSince" TIMESTAMP(3),
    "twoFactorEveryoneSince" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppSettings_pkey" PRIMARY KEY ("id"),
    -- One row of settings; a negative grace period means nothing.
    CONSTRAINT "AppSettings_single_row" CHECK ("id" = 1),
    CONSTRAINT "AppSettings_grace_days_not_negative" CHECK ("twoFactorGraceDays" >= 0)
);

-- CreateTable
CREATE TABLE "AdminAuditEntry" (
    "id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" UUID NOT NULL,
    "actorEmail" TEXT NOT NULL,
    "targetId" UUID,
    "targetEmail" TEXT,
    "reason" TEXT,
    "details" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminAuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdminAuditEntry_createdAt_idx" ON "AdminAuditEntry"("createdAt");

-- CreateIndex
CREATE INDEX "AdminAuditEntry_action_createdAt_idx" ON "AdminAuditEntry"("action", "createdAt");
