import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { emailMaxLength } from "../input/normalize-email";
import { literalContains } from "./search-text";
import { summarizeUsers, type UserSummary, userSummarySelect } from "./user-summary";

export const usersPageSize = 20;
/** A search matches part of an email address, so it is never longer than one. */
export const userSearchMaxLength = emailMaxLength;

export type UserListPage = { users: UserSummary[]; total: number; page: number; pageCount: number };

/**
 * The admin's user list, newest accounts first, `usersPageSize` a page. `query` matches any
 * part of the email address; `role` narrows to admins or users. A page past the end shows the last.
 */
export async function listUsers(options: {
  query?: string;
  role?: "USER" | "ADMIN";
  page?: number;
  now?: Date;
}): Promise<UserListPage> {
  const query = options.query?.trim().toLowerCase().slice(0, userSearchMaxLength);
  const where: Prisma.UserWhereInput = {
    ...(query ? { email: literalContains(query) } : {}),
    ...(options.role ? { role: options.role } : {}),
  };
  const total = await db.user.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / usersPageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
  const rows = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * usersPageSize,
    take: usersPageSize,
    select: userSummarySelect,
  });
  return { users: await summarizeUsers({ rows, now: options.now ?? new Date() }), total, page, pageCount };
}
