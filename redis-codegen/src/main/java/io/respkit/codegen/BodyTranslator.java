package io.respkit.codegen;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads a synchronous default method's body with javac's tree API and rewrites it for the queued forms: every call
 * to {@code execute(...)} becomes {@code enqueue(...)}, calls to sibling commands stay as they are (they then call
 * the generated sibling), and everything else (argument conversions, conditionals, defaults) is copied verbatim,
 * comments included.
 *
 * <p>A body is translatable when every {@code return} returns a command call ({@code execute} or a sibling),
 * possibly in parentheses or as a branch of {@code ?:}, and no command call appears anywhere else: not inside
 * {@code try} (a queued command's errors arrive with its result, so a {@code catch} would never see them), not as a
 * value (its reply does not exist yet), not inside a lambda or class (it could run later, or more than once).
 * Anything else is reported as a problem, never dropped.
 *
 * <p>Not thread-safe; one instance per processing round.
 */
final class BodyTranslator {

    /**
     * One overload of a family method, enough to tell which overloads a call can reach.
     *
     * @param arity the number of parameters
     * @param varargs whether the last one is variable-arity
     * @param syncOnly whether it has no generated counterpart
     */
    record Overload(int arity, boolean varargs, boolean syncOnly) {

        boolean accepts(int arguments) {
            return arguments == arity || varargs && arguments >= arity - 1;
        }
    }

    private final Trees trees;

    BodyTranslator(Trees trees) {
        this.trees = trees;
    }

    /**
     * Translates a method body.
     *
     * @param method the synchronous default method
     * @param family every family method the body may call unqualified, by name
     * @param staticImports the simple names statically imported by the method's file; {@code "*"} for an
     *        on-demand static import
     * @param problems receives one sentence per reason the body cannot be translated
     * @return the translated body, braces included, indented as in the synchronous file; meaningless when a problem
     *         was added
     */
    String translate(ExecutableElement method, Map<String, List<Overload>> family, Set<String> staticImports,
            List<String> problems) {
        TreePath path = trees.getPath(method);
        if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
            problems.add("its body cannot be read (no source, or no body)");
            return "";
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        BlockTree body = tree.getBody();
        CharSequence source;
        try {
            source = unit.getSourceFile().getCharContent(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourcePositions positions = trees.getSourcePositions();
        int start = (int) positions.getStartPosition(unit, body);
        int end = (int) positions.getEndPosition(unit, body);
        // Without javac's end-position table a block's end is its closing brace itself, with it the next character.
        if (end >= 0 && end < source.length() && source.charAt(end) == '}') {
            end++;
        }
        if (start < 0 || end <= start || source.charAt(end - 1) != '}') {
            problems.add("the end of its body cannot be located in the source");
            return "";
        }

        Checker checker = new Checker(unit, positions, source, family, staticImports, problems);
        checker.scan(new TreePath(path, body), null);
        StringBuilder text = new StringBuilder(source.subSequence(start, end));
        List<Integer> executes = new ArrayList<>(checker.executePositions);
        Collections.sort(executes, Collections.reverseOrder());
        for (int at : executes) {
            text.replace(at - start, at - start + "execute".length(), "enqueue");
        }
        return text.toString();
    }

    /** Finds the command calls, checks where they are, and notes where each {@code execute} name starts. */
    private static final class Checker extends TreePathScanner<Void, Void> {

        private final CompilationUnitTree unit;
        private final SourcePositions positions;
        private final CharSequence source;
        private final Map<String, List<Overload>> family;
        private final Set<String> staticImports;
        private final List<String> problems;
        private final Set<Tree> returned = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Integer> executePositions = new ArrayList<>();
        private int nested;

        Checker(CompilationUnitTree unit, SourcePositions positions, CharSequence source,
                Map<String, List<Overload>> family, Set<String> staticImports, List<String> problems) {
            this.unit = unit;
            this.positions = positions;
            this.source = source;
            this.family = family;
            this.staticImports = staticImports;
            this.problems = problems;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            nested++;
            try {
                return super.visitLambdaExpression(node, unused);
            } finally {
                nested--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            nested++;
            try {
                return super.visitClass(node, unused);
            } finally {
                nested--;
            }
        }

        @Override
        public Void visitReturn(ReturnTree node, Void unused) {
            if (nested == 0 && (node.getExpression() == null || !markReturned(node.getExpression()))) {
                problems.add("it returns something other than a command's reply (\"" + node.getExpression()
                        + "\"); the generated forms can only return the command's result");
            }
            return super.visitReturn(node, unused);
        }

        @Override
        public Void visitTry(TryTree node, Void unused) {
            if (containsCommand(node)) {
                problems.add("it runs a command inside try: a queued command's errors arrive with its result, "
                        + "after the method returned, so a catch or finally would never see them");
            }
            return super.visitTry(node, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            String name = unqualifiedName(node);
            if (name != null) {
                boolean command = isCommand(node);
                if (name.equals("execute")) {
                    int at = (int) positions.getStartPosition(unit, node.getMethodSelect());
                    executePositions.add(indexOf("execute", at));
                } else if (command) {
                    List<Overload> reachable = family.get(name).stream()
                            .filter(o -> o.accepts(node.getArguments().size())).toList();
                    if (!reachable.isEmpty() && reachable.stream().allMatch(Overload::syncOnly)) {
                        problems.add("it calls " + name + " with " + node.getArguments().size()
                                + " argument(s), which has no generated form (it is @SyncOnly)");
                    }
                } else if (!name.equals("codec") && !staticImports.contains(name) && !staticImports.contains("*")) {
                    problems.add("it calls " + name + "(...), which the generated forms cannot resolve");
                }
                if (command && !returned.contains(node)) {
                    problems.add("it uses the reply of " + name + "(...) " + (nested > 0
                            ? "inside a lambda or class, which may run later or more than once"
                            : "as a value, before a queued command's reply exists"));
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        private int indexOf(String word, int from) {
            for (int i = from; i + word.length() <= source.length(); i++) {
                if (source.subSequence(i, i + word.length()).toString().equals(word)) {
                    return i;
                }
            }
            throw new IllegalStateException(word + " not found after offset " + from);
        }

        /** Marks the command calls a returned expression consists of; false when it is anything else. */
        private boolean markReturned(ExpressionTree expression) {
            ExpressionTree e = expression;
            while (e instanceof ParenthesizedTree p) {
                e = p.getExpression();
            }
            if (e instanceof ConditionalExpressionTree c) {
                boolean whenTrue = markReturned(c.getTrueExpression());
                return markReturned(c.getFalseExpression()) && whenTrue;
            }
            if (e instanceof MethodInvocationTree call && isCommand(call)) {
                returned.add(call);
                return true;
            }
            return false;
        }

        private boolean isCommand(MethodInvocationTree call) {
            String name = unqualifiedName(call);
            return name != null && (name.equals("execute") || family.containsKey(name));
        }

        private boolean containsCommand(Tree tree) {
            boolean[] found = {false};
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                    found[0] |= isCommand(node);
                    return super.visitMethodInvocation(node, unused);
                }
            }.scan(new TreePath(getCurrentPath(), tree), null);
            return found[0];
        }

        /** {@code name} for {@code name(...)} and {@code this.name(...)}, else null. */
        private static String unqualifiedName(MethodInvocationTree call) {
            ExpressionTree select = call.getMethodSelect();
            if (select instanceof IdentifierTree id) {
                return id.getName().toString();
            }
            if (select instanceof MemberSelectTree member && member.getExpression() instanceof IdentifierTree id
                    && id.getName().contentEquals("this")) {
                return member.getIdentifier().toString();
            }
            return null;
        }
    }
}
