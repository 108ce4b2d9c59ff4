-- AlterTable
ALTER TABLE "TwoFactor" ADD COLUMN     "pendingSessionId" UUID;
