-- AlterTable
ALTER TABLE "AppSettings" ADD COLUMN     "adminsPasskeysOnly" BOOLEAN NOT NULL DEFAULT false;
